// hermes-standin: plays Hermes.Net for tests, demos and the benchmark (see HermesStandin.h).
//   hermes-standin [--port N] [--host 127.0.0.1] [--http] [--cert F --key F | --gen-cert DIR]
//                  [--mode 200|400|503|NNN|slow|hang] [--delay-ms N] [--record FILE]
//                  [--port-file FILE]
// Prints "hermes-standin listening url=..." once ready; stops on SIGINT/SIGTERM.
#include "tests/hermes-standin/HermesStandin.h"

#include <Poco/Net/SSLManager.h>
#include <Poco/Path.h>

#include <csignal>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>

namespace {

struct Cli {
    standin::StandinOptions options;
    std::string gen_cert_dir;
    std::string port_file;
};

[[noreturn]] void usage(const std::string& error)
{
    std::cerr << "hermes-standin: " << error << "\n"
              << "usage: hermes-standin [--port N] [--host H] [--http] [--cert F --key F | "
                 "--gen-cert DIR] [--mode 200|400|503|NNN|slow|hang] [--delay-ms N] "
                 "[--record FILE] [--port-file FILE]\n";
    std::exit(64);
}

Cli parseArgs(int argc, char** argv)
{
    Cli cli;
    auto& o = cli.options;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--http") {
            o.tls = false;
            continue;
        }
        if (i + 1 >= argc) {
            usage("missing value for " + arg);
        }
        const std::string value = argv[++i];
        if (arg == "--port") {
            o.port = static_cast<std::uint16_t>(std::stoi(value));
        } else if (arg == "--host") {
            o.host = value;
        } else if (arg == "--cert") {
            o.cert = value;
        } else if (arg == "--key") {
            o.key = value;
        } else if (arg == "--gen-cert") {
            cli.gen_cert_dir = value;
        } else if (arg == "--mode") {
            const auto delay = o.behaviour.delay;
            o.behaviour = standin::parseBehaviour(value);
            o.behaviour.delay = delay;
        } else if (arg == "--delay-ms") {
            o.behaviour.delay = std::chrono::milliseconds(std::stol(value));
        } else if (arg == "--record") {
            o.record_path = value;
        } else if (arg == "--port-file") {
            cli.port_file = value;
        } else {
            usage("unknown option " + arg);
        }
    }
    return cli;
}

int waitForSignal()
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    int signal_number = 0;
    sigwait(&set, &signal_number);
    return signal_number;
}

} // namespace

int main(int argc, char** argv)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, nullptr); // before any thread starts: sigwait gets them
    try {
        Cli cli = parseArgs(argc, argv);
        if (!cli.gen_cert_dir.empty()) {
            standin::generateSelfSignedCert(cli.gen_cert_dir);
            cli.options.cert = Poco::Path(cli.gen_cert_dir, "cert.pem").toString();
            cli.options.key = Poco::Path(cli.gen_cert_dir, "key.pem").toString();
        }
        if (cli.options.tls && (cli.options.cert.empty() || cli.options.key.empty())) {
            usage("HTTPS needs --cert and --key, or --gen-cert DIR (or use --http)");
        }
        Poco::Net::initializeSSL();
        standin::HermesStandin server(cli.options);
        server.start();
        if (!cli.port_file.empty()) {
            std::ofstream(cli.port_file) << server.port() << "\n";
        }
        std::cout << "hermes-standin listening url=" << server.baseUrl() << std::endl;
        waitForSignal();
        server.stop();
        std::cout << "hermes-standin stopped received=" << server.received() << std::endl;
    } catch (const std::exception& e) {
        std::cerr << "hermes-standin: " << e.what() << std::endl;
        return 70;
    }
    return 0;
}
