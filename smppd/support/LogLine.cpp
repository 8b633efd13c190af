#include "smppd/support/LogLine.h"

namespace smppd::support {

std::string messageIdToken(std::int64_t id)
{
    return "message_id=" + std::to_string(id);
}

bool hasToken(std::string_view line, std::string_view token)
{
    if (token.empty()) {
        return false;
    }
    for (auto at = line.find(token); at != std::string_view::npos; at = line.find(token, at + 1)) {
        const std::size_t end = at + token.size();
        const bool starts = at == 0 || line[at - 1] == ' ';
        const bool ends = end == line.size() || line[end] == ' ';
        if (starts && ends) {
            return true;
        }
    }
    return false;
}

} // namespace smppd::support
