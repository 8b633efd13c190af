// Log.PduTrace: the session writes one decoded line per PDU, both ways, to the `smppd.pdu`
// logger, with the bind password masked.
#include "tests/smppd/session/SessionHarness.h"

#include <Poco/AutoPtr.h>
#include <Poco/Channel.h>
#include <Poco/Logger.h>
#include <Poco/Message.h>
#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace {

/// Keeps the text of every message it is given.
class CaptureChannel : public Poco::Channel {
public:
    void log(const Poco::Message& msg) override { lines.push_back(msg.getText()); }
    std::vector<std::string> lines;
};

} // namespace

TEST_CASE("Log.PduTrace: decoded line per PDU in and out, password masked", "[session][trace]")
{
    Poco::AutoPtr<CaptureChannel> capture(new CaptureChannel);
    Poco::Logger& pdu_log = Poco::Logger::get("smppd.pdu");
    pdu_log.setChannel(capture);
    pdu_log.setLevel(Poco::Message::PRIO_TRACE);

    smppd::test::Harness h;
    smppd::test::Peer p(h, h.open());
    p.send(5, smpp::BindTransceiver{.system_id = "esme1", .password = "secret"});
    p.received();

    pdu_log.setLevel(Poco::Message::PRIO_INFORMATION);
    pdu_log.setChannel(nullptr);

    REQUIRE(capture->lines.size() == 2);
    const std::string& in = capture->lines[0];
    const std::string& out = capture->lines[1];
    CHECK(in.find("dir=in") != std::string::npos);
    CHECK(in.find("bind_transceiver") != std::string::npos);
    CHECK(in.find("system_id=esme1") != std::string::npos);
    CHECK(in.find("password=****") != std::string::npos);
    CHECK(in.find("secret") == std::string::npos);
    CHECK(out.find("dir=out") != std::string::npos);
    CHECK(out.find("bind_transceiver_resp") != std::string::npos);
    CHECK(out.find("seq=5") != std::string::npos);
}
