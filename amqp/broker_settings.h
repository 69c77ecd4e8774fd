// Where the AMQP mode's broker is and how to log in, from the places a user may put them: the
// --broker URL (no password: `ps` shows a command line to every user of the machine),
// $PRODCONS_BROKER_URL and a credentials file. A broker may be several nodes of one cluster,
// their URLs separated by commas. Parent side only (allocates freely).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace prodcons::amqp {

inline constexpr std::string_view kDefaultBrokerUrl = "amqp://localhost:5672/";
inline constexpr const char* kBrokerUrlVariable = "PRODCONS_BROKER_URL";
/// A PEM file of the authorities an amqps:// broker's certificate is checked against.
inline constexpr const char* kBrokerCaVariable = "PRODCONS_BROKER_CACERT";

/// One node of the broker: where its AMQP listener is.
struct BrokerNode
{
    std::string host = "localhost";
    int port = 5672;
};

/// At most this many nodes in one list: a cluster has a few (3, 5, 7), and each node that does
/// not answer may cost a connection timeout before the next is tried.
inline constexpr std::size_t kMaxBrokerNodes = 9;

struct BrokerSettings
{
    bool tls = false;
    /// The nodes of one cluster, tried in turn until one answers; never empty. They share the
    /// scheme, the vhost and the login: the vhosts and users of a cluster are the same on all.
    std::vector<BrokerNode> nodes{BrokerNode{}};
    std::string vhost = "/";
    std::string user = "guest";
    std::string password = "guest";
    std::string ca_cert; ///< amqps: the authorities to trust (empty: the system's)
    /// How long opening a connection (TCP, TLS, login) may take before it is given up.
    std::chrono::milliseconds connect_timeout{5000};

    /// "amqp://127.0.0.1:5690/" or "amqps://host:5671/vhost", the nodes' addresses separated by
    /// commas ("amqp://a:5672/,amqp://b:5672/"): no user, no password; for logs, windows and
    /// error messages.
    std::string address() const;
    /// The address of node `index` alone.
    std::string node_address(std::size_t index) const;
};

/// A broker URL taken apart; `error` says what is wrong with it when it cannot be used.
struct ParsedUrl
{
    BrokerSettings settings;
    bool has_user = false;
    bool has_password = false;
    std::string error;
};

/// amqp[s]://[user[:password]@]host[:port][/vhost], vhost percent-encoded ("%2f" is "/"); no
/// vhost or an empty one is the default vhost "/". Or several such URLs separated by commas,
/// one per node of a cluster, all with the same scheme and vhost; a user or password given
/// with one node is the login to all (given with several, it must be the same).
ParsedUrl parse_broker_url(std::string_view url);

struct ResolvedBroker
{
    std::optional<BrokerSettings> settings;
    std::string error; ///< set when `settings` is not
};

/// The broker to use: the address from `url` (the --broker option; empty: none given), else
/// from $PRODCONS_BROKER_URL, else the local broker on the standard port; the credentials from
/// `credentials_file` (its first line, user:password, or a URL carrying them; it must not be
/// readable by others), else from $PRODCONS_BROKER_URL, else guest/guest. A password in `url`
/// is refused.
ResolvedBroker resolve_broker(std::string_view url, const std::string& credentials_file);

} // namespace prodcons::amqp
