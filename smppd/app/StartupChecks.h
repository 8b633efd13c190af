#pragma once

#include "config/Settings.h"

#include <string>

namespace smppd {

/// Creates the log folder (`Log.Directory`) if needed. Throws ConfigError naming the key, the
/// path and the operating system's error, e.g.
/// `config: Log.Directory="/proc/x/logs": cannot create the folder: No such file or directory`.
void prepareLogDirectory(const std::string& directory);

/// Checks, before anything starts, that every file the settings name can be read: the TLS
/// certificate, key and CA of `Server.ListenParams`, and `Hermes.CaFile` in VOCALCOM mode.
/// Throws ConfigError naming the key, the path and the operating system's error, so that a
/// missing or unreadable file is not reported later as an unusable certificate.
void checkStartupFiles(const Settings& settings);

} // namespace smppd
