#include "smppd/app/ExitCodes.h"
#include "smppd/app/SmppdApp.h"

int main(int argc, char** argv)
{
    smppd::SmppdApp app;
    const int rc = app.run(argc, argv);
    // Poco answers option errors (unknown option, missing argument) with EXIT_CONFIG (78);
    // the launcher contract says 64 for bad arguments.
    return rc == Poco::Util::Application::EXIT_CONFIG ? smppd::kExitConfig : rc;
}
