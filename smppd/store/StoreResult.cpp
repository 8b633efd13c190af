#include "smppd/store/StoreResult.h"

namespace smppd {

std::string_view toString(StoreStatus status) noexcept
{
    switch (status) {
    case StoreStatus::Ok:
        return "ok";
    case StoreStatus::QueueFull:
        return "queue_full";
    case StoreStatus::NotFound:
        return "not_found";
    case StoreStatus::AlreadyFinal:
        return "already_final";
    case StoreStatus::Error:
        return "error";
    }
    return "error";
}

} // namespace smppd
