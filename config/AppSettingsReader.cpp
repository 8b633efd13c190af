#include "config/AppSettingsReader.h"

#include "config/ConfigError.h"

#include <Poco/SAX/Attributes.h>
#include <Poco/SAX/DefaultHandler.h>
#include <Poco/SAX/InputSource.h>
#include <Poco/SAX/Locator.h>
#include <Poco/SAX/SAXException.h>
#include <Poco/SAX/SAXParser.h>
#include <fmt/format.h>

#include <algorithm>
#include <sstream>

namespace smppd::config_detail {

namespace {

/// Collects `<add>` under appSettings; tracks the element path to know where it is.
class AppSettingsHandler : public Poco::XML::DefaultHandler {
public:
    explicit AppSettingsHandler(std::string source) : source_(std::move(source)) { }

    std::vector<KeyValue> entries;

    void setDocumentLocator(const Poco::XML::Locator* locator) override { locator_ = locator; }

    void startElement(const Poco::XML::XMLString&,
        const Poco::XML::XMLString& local_name,
        const Poco::XML::XMLString& qname,
        const Poco::XML::Attributes& attributes) override
    {
        const std::string& name = local_name.empty() ? qname : local_name;
        if (path_.empty() && name != "configuration" && name != "appSettings") {
            throw ConfigError(fmt::format("config: {}: root element <{}> is not valid: expected "
                                          "<configuration> or <appSettings>",
                source_,
                name));
        }
        path_.push_back(name);
        if (inAppSettings()) {
            onSettingsChild(name, attributes);
        }
    }

    void endElement(const Poco::XML::XMLString&,
        const Poco::XML::XMLString&,
        const Poco::XML::XMLString&) override
    {
        path_.pop_back();
    }

private:
    /// True when the current element is a direct child of the appSettings section.
    bool inAppSettings() const
    {
        if (path_.size() == 2) {
            return path_[0] == "appSettings";
        }
        return path_.size() == 3 && path_[0] == "configuration" && path_[1] == "appSettings";
    }

    int line() const { return locator_ != nullptr ? locator_->getLineNumber() : 0; }

    void onSettingsChild(const std::string& name, const Poco::XML::Attributes& attributes)
    {
        if (name == "clear") {
            entries.clear();
            return;
        }
        const int key_index = attributes.getIndex("key");
        if (name != "add" && name != "remove") {
            return;
        }
        if (key_index < 0) {
            throw ConfigError(fmt::format(
                "config: {} line {}: <{}> has no key attribute", source_, line(), name));
        }
        const std::string& key = attributes.getValue(key_index);
        if (name == "remove") {
            std::erase_if(entries, [&](const KeyValue& kv) { return kv.key == key; });
            return;
        }
        entries.push_back(KeyValue{key, attributes.getValue("value"), line()});
    }

    std::string source_;
    const Poco::XML::Locator* locator_ = nullptr;
    std::vector<std::string> path_;
};

} // namespace

std::vector<KeyValue> readAppSettings(std::string_view xml, const std::string& source)
{
    AppSettingsHandler handler(source);
    Poco::XML::SAXParser parser;
    parser.setFeature(Poco::XML::XMLReader::FEATURE_NAMESPACES, false);
    parser.setContentHandler(&handler);
    try {
        std::istringstream stream{std::string(xml)};
        Poco::XML::InputSource input(stream);
        parser.parse(&input);
    } catch (const Poco::XML::SAXParseException& e) {
        throw ConfigError(fmt::format("config: {}: malformed XML at line {} column {}: {}",
            source,
            e.getLineNumber(),
            e.getColumnNumber(),
            e.message()));
    } catch (const Poco::Exception& e) {
        throw ConfigError(fmt::format("config: {}: cannot read XML: {}", source, e.displayText()));
    }
    return std::move(handler.entries);
}

} // namespace smppd::config_detail
