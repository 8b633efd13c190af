// launcher: starts smppd, watches its heartbeat, restarts it (architecture §2).
#include "launcher/LauncherApp.h"

#include <iostream> // POCO_SERVER_MAIN prints a fatal exception to std::cerr

POCO_SERVER_MAIN(launcher::LauncherApp)
