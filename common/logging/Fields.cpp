#include "common/logging/Fields.h"

#include "common/text/Escape.h"

namespace logging {

std::string quoted(std::string_view value)
{
    std::string out;
    out.reserve(value.size() + 2);
    smpp::text::appendLogValue(out, value, smpp::text::EscapeStyle::Log);
    return out;
}

} // namespace logging
