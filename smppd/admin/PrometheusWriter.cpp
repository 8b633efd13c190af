#include "smppd/admin/PrometheusWriter.h"

#include <fmt/format.h>

#include <cmath>

namespace smppd {

void PrometheusWriter::family(std::string_view name, std::string_view help, std::string_view type)
{
    fmt::format_to(
        std::back_inserter(out_), "# HELP {} {}\n# TYPE {} {}\n", name, help, name, type);
}

void PrometheusWriter::sample(
    std::string_view name, std::initializer_list<Label> labels, std::uint64_t value)
{
    writeName(name, labels);
    fmt::format_to(std::back_inserter(out_), " {}\n", value);
}

void PrometheusWriter::sample(
    std::string_view name, std::initializer_list<Label> labels, double value)
{
    writeName(name, labels);
    out_ += ' ';
    out_ += formatValue(value);
    out_ += '\n';
}

void PrometheusWriter::writeName(std::string_view name, std::initializer_list<Label> labels)
{
    out_ += name;
    if (labels.size() == 0) {
        return;
    }
    char separator = '{';
    for (const auto& [key, value] : labels) {
        out_ += separator;
        out_ += key;
        out_ += "=\"";
        out_ += escapeLabelValue(value);
        out_ += '"';
        separator = ',';
    }
    out_ += '}';
}

std::string PrometheusWriter::escapeLabelValue(std::string_view value)
{
    std::string escaped;
    escaped.reserve(value.size());
    for (const char c : value) {
        if (c == '\\') {
            escaped += "\\\\";
        } else if (c == '"') {
            escaped += "\\\"";
        } else if (c == '\n') {
            escaped += "\\n";
        } else {
            escaped += c;
        }
    }
    return escaped;
}

std::string PrometheusWriter::formatValue(double value)
{
    if (std::isnan(value)) {
        return "NaN";
    }
    if (std::isinf(value)) {
        return value > 0 ? "+Inf" : "-Inf";
    }
    return fmt::format("{}", value);
}

} // namespace smppd
