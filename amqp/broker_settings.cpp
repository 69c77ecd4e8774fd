#include "amqp/broker_settings.h"

#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sys/stat.h>

namespace prodcons::amqp {

namespace {

int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/// `url` for an error message: a password in it replaced by "***" (messages are shown in
/// windows, on projectors, and logged).
std::string without_password(std::string_view url)
{
    std::string shown(url);
    std::size_t from = 0;
    while (true) {
        const std::size_t scheme = shown.find("://", from);
        if (scheme == std::string::npos)
            return shown;
        const std::size_t start = scheme + 3;
        const std::size_t end = shown.find_first_of("/,", start);
        const std::size_t at = shown.rfind('@', end == std::string::npos ? shown.size() : end);
        if (at != std::string::npos && at >= start) {
            const std::size_t colon = shown.find(':', start);
            if (colon != std::string::npos && colon < at)
                shown.replace(colon + 1, at - colon - 1, "***");
        }
        from = start;
    }
}

/// false on a broken escape ("%zz", "%2").
bool percent_decode(std::string_view in, std::string& out)
{
    out.clear();
    for (std::size_t i = 0; i < in.size(); ++i) {
        if (in[i] != '%') {
            out += in[i];
            continue;
        }
        if (i + 2 >= in.size())
            return false;
        const int high = hex_value(in[i + 1]);
        const int low = hex_value(in[i + 2]);
        if (high < 0 || low < 0)
            return false;
        out += static_cast<char>(high * 16 + low);
        i += 2;
    }
    return true;
}

} // namespace

std::string BrokerSettings::node_address(std::size_t index) const
{
    const BrokerNode& node = nodes.at(index);
    std::string text = tls ? "amqps://" : "amqp://";
    const bool ipv6 = node.host.find(':') != std::string::npos;
    text += ipv6 ? "[" + node.host + "]" : node.host;
    text += ":" + std::to_string(node.port) + "/";
    if (vhost != "/")
        text += vhost;
    return text;
}

std::string BrokerSettings::address() const
{
    std::string text;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        if (i > 0)
            text += ',';
        text += node_address(i);
    }
    return text;
}

namespace {

/// One node's URL.
ParsedUrl parse_one_url(std::string_view url)
{
    ParsedUrl parsed;
    BrokerSettings& s = parsed.settings;
    BrokerNode& node = s.nodes.front();
    const auto fail = [&parsed, url](const std::string& why) {
        parsed.error = "'" + without_password(url) + "' is not a broker URL: " + why;
        return parsed;
    };
    std::string_view rest = url;
    if (rest.starts_with("amqp://")) {
        rest.remove_prefix(7);
    } else if (rest.starts_with("amqps://")) {
        rest.remove_prefix(8);
        s.tls = true;
        node.port = 5671;
    } else {
        return fail("it must start with amqp:// or amqps://");
    }
    const std::size_t slash = rest.find('/');
    std::string_view authority = rest.substr(0, slash);
    const std::string_view path = slash == std::string_view::npos ? "" : rest.substr(slash + 1);

    if (const std::size_t at = authority.rfind('@'); at != std::string_view::npos) {
        const std::string_view userinfo = authority.substr(0, at);
        authority.remove_prefix(at + 1);
        const std::size_t colon = userinfo.find(':');
        if (!percent_decode(userinfo.substr(0, colon), s.user))
            return fail("a broken %-escape in the user name");
        parsed.has_user = true;
        if (colon != std::string_view::npos) {
            if (!percent_decode(userinfo.substr(colon + 1), s.password))
                return fail("a broken %-escape in the password");
            parsed.has_password = true;
        }
    }
    std::string_view port_text;
    if (authority.starts_with('[')) {
        const std::size_t close = authority.find(']');
        if (close == std::string_view::npos)
            return fail("an IPv6 address without its ']'");
        node.host = std::string(authority.substr(1, close - 1));
        authority.remove_prefix(close + 1);
        if (authority.starts_with(':'))
            port_text = authority.substr(1);
        else if (!authority.empty())
            return fail("something after the IPv6 address");
    } else {
        const std::size_t colon = authority.find(':');
        node.host = std::string(authority.substr(0, colon));
        if (colon != std::string_view::npos)
            port_text = authority.substr(colon + 1);
    }
    if (node.host.empty())
        node.host = "localhost";
    if (!port_text.empty()) {
        int port = 0;
        const auto [end, ec] =
            std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
        if (ec != std::errc() || end != port_text.data() + port_text.size() || port < 1 ||
            port > 65535)
            return fail("the port must be a number from 1 to 65535");
        node.port = port;
    }
    if (path.find_first_of("?#") != std::string_view::npos)
        return fail("query options are not supported");
    if (!percent_decode(path, s.vhost))
        return fail("a broken %-escape in the vhost");
    if (s.vhost.empty())
        s.vhost = "/";
    return parsed;
}

} // namespace

ParsedUrl parse_broker_url(std::string_view url)
{
    ParsedUrl parsed;
    const auto fail = [&parsed, url](const std::string& why) {
        // A list with a login may carry a password: error messages are shown and logged.
        parsed.error = (url.find('@') == std::string_view::npos
                            ? "'" + std::string(url) + "'"
                            : std::string("the list of broker nodes (not shown: it has a login)")) +
                       " cannot be used: " + why;
        return parsed;
    };
    std::vector<ParsedUrl> items;
    std::string_view rest = url;
    while (true) {
        const std::size_t comma = rest.find(',');
        std::string_view item = rest.substr(0, comma);
        while (!item.empty() && item.front() == ' ')
            item.remove_prefix(1);
        while (!item.empty() && item.back() == ' ')
            item.remove_suffix(1);
        if (item.empty() && (comma != std::string_view::npos || !items.empty()))
            return fail("an empty place between commas");
        items.push_back(parse_one_url(item));
        if (!items.back().error.empty())
            return items.back();
        if (comma == std::string_view::npos)
            break;
        rest.remove_prefix(comma + 1);
    }
    if (items.size() == 1)
        return items.front();
    if (items.size() > kMaxBrokerNodes)
        return fail("more than " + std::to_string(kMaxBrokerNodes) + " nodes");

    // One cluster: its nodes are reached the same way, and they share their vhosts and users.
    parsed = items.front();
    BrokerSettings& s = parsed.settings;
    for (std::size_t i = 1; i < items.size(); ++i) {
        const ParsedUrl& other = items[i];
        if (other.settings.tls != s.tls)
            return fail("amqp:// and amqps:// mixed; the nodes of one broker are reached the "
                        "same way");
        if (other.settings.vhost != s.vhost)
            return fail("the vhosts '" + s.vhost + "' and '" + other.settings.vhost +
                        "' differ; the nodes of one broker share one vhost");
        if (other.has_user) {
            if (parsed.has_user && other.settings.user != s.user)
                return fail("two different users; one login serves every node");
            s.user = other.settings.user;
            parsed.has_user = true;
        }
        if (other.has_password) {
            if (parsed.has_password && other.settings.password != s.password)
                return fail("two different passwords; one login serves every node");
            s.password = other.settings.password;
            parsed.has_password = true;
        }
        s.nodes.push_back(other.settings.nodes.front());
    }
    return parsed;
}

ResolvedBroker resolve_broker(std::string_view url, const std::string& credentials_file)
{
    ResolvedBroker resolved;
    const auto fail = [&resolved](std::string why) {
        resolved.error = std::move(why);
        return resolved;
    };

    ParsedUrl base = parse_broker_url(kDefaultBrokerUrl);
    if (const char* env = std::getenv(kBrokerUrlVariable); env && *env) {
        base = parse_broker_url(env);
        if (!base.error.empty())
            return fail(std::string(kBrokerUrlVariable) + ": " + base.error);
    }
    BrokerSettings settings = base.settings;

    if (!url.empty()) {
        const ParsedUrl given = parse_broker_url(url);
        if (!given.error.empty())
            return fail(given.error);
        if (given.has_password)
            return fail("--broker must not carry a password: every user of the machine sees a "
                        "command line (ps); put the URL with its password in " +
                        std::string(kBrokerUrlVariable) +
                        ", or user:password in a "
                        "--broker-credentials file");
        const std::string user = settings.user;
        const std::string password = settings.password;
        settings = given.settings;
        settings.user = given.has_user ? given.settings.user : user;
        settings.password = password;
    }

    if (!credentials_file.empty()) {
        struct stat st = {};
        if (::stat(credentials_file.c_str(), &st) != 0)
            return fail("the credentials file " + credentials_file +
                        " cannot be read: " + std::strerror(errno));
        if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0)
            return fail("the credentials file " + credentials_file +
                        " is open to other users; chmod 600 it");
        std::ifstream in(credentials_file);
        std::string line;
        while (in && line.empty()) {
            std::getline(in, line);
            while (!line.empty() && (line.back() == '\r' || line.back() == ' '))
                line.pop_back();
        }
        if (!in && line.empty())
            return fail("the credentials file " + credentials_file +
                        " holds no user:password line");
        if (line.starts_with("amqp://") || line.starts_with("amqps://")) {
            const ParsedUrl fromFile = parse_broker_url(line);
            if (!fromFile.error.empty() || !fromFile.has_user)
                return fail("the credentials file " + credentials_file +
                            " holds a URL without a user");
            settings.user = fromFile.settings.user;
            settings.password = fromFile.settings.password;
        } else {
            const std::size_t colon = line.find(':');
            if (colon == std::string::npos || colon == 0)
                return fail("the credentials file " + credentials_file +
                            " must hold user:password on its first line");
            settings.user = line.substr(0, colon);
            settings.password = line.substr(colon + 1);
        }
    }
    if (const char* ca = std::getenv(kBrokerCaVariable); ca && *ca)
        settings.ca_cert = ca;
    resolved.settings = std::move(settings);
    return resolved;
}

} // namespace prodcons::amqp
