#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace smppd {

/// Builds Prometheus text exposition format 0.0.4: a family header (`# HELP`, `# TYPE`) then
/// its samples, one per line, `name{label="value",...} value`. Label values are escaped
/// (backslash, double quote, newline) as the format requires; names are trusted constants.
class PrometheusWriter {
public:
    using Label = std::pair<std::string_view, std::string_view>;

    /// `# HELP name help` and `# TYPE name type` (type: counter, gauge, histogram).
    void family(std::string_view name, std::string_view help, std::string_view type);

    /// One sample with an integer value.
    void sample(std::string_view name, std::initializer_list<Label> labels, std::uint64_t value);

    /// One sample with a floating-point value (shortest round-trip form, `NaN`, `+Inf`).
    void sample(std::string_view name, std::initializer_list<Label> labels, double value);

    /// The text so far.
    const std::string& text() const noexcept { return out_; }

    /// A label value escaped for the exposition format.
    static std::string escapeLabelValue(std::string_view value);

    /// A double as the exposition format writes it.
    static std::string formatValue(double value);

private:
    void writeName(std::string_view name, std::initializer_list<Label> labels);

    std::string out_;
};

} // namespace smppd
