#include "amqp/connection.h"

#include <algorithm>
#include <amqp_ssl_socket.h>
#include <amqp_tcp_socket.h>
#include <arpa/inet.h>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <netdb.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>
#include <optional>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <utility>

namespace prodcons::amqp {

namespace {

using ipc::Errc;
using ipc::Error;

/// How long a synchronous call (queue declare, qos, ...) may wait for the broker's answer.
constexpr std::chrono::seconds kRpcTimeout{10};
/// The largest frame rabbitmq-c negotiates by default; names are far smaller.
constexpr int kFrameMax = 131072;

std::string_view bytes_view(const amqp_bytes_t& bytes) noexcept
{
    return {static_cast<const char*>(bytes.bytes), bytes.len};
}

Error broker_error(const char* call, std::string_view object, int code,
                   std::string_view text) noexcept
{
    Error e = Error::make(Errc::Broker, call, object, text);
    e.err = code;
    return e;
}

/// Why a TCP connection to host:port fails: rabbitmq-c says only "a socket error occurred",
/// and a person needs to hear "connection refused" or "no route to host". 0 if it connects.
int connect_errno(const std::string& host, int port, std::chrono::milliseconds timeout) noexcept
{
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    const std::string service = std::to_string(port);
    if (::getaddrinfo(host.c_str(), service.c_str(), &hints, &found) != 0)
        return EHOSTUNREACH;
    int err = ECONNREFUSED;
    for (const addrinfo* a = found; a != nullptr; a = a->ai_next) {
        const int fd =
            ::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
        if (fd < 0)
            continue;
        err = ::connect(fd, a->ai_addr, a->ai_addrlen) == 0 ? 0 : errno;
        if (err == EINPROGRESS) {
            pollfd p{fd, POLLOUT, 0};
            if (::poll(&p, 1, static_cast<int>(timeout.count())) == 1) {
                socklen_t size = sizeof err;
                (void)::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &size);
            } else {
                err = ETIMEDOUT;
            }
        }
        ::close(fd);
        if (err == 0)
            break;
    }
    ::freeaddrinfo(found);
    return err;
}

/// The first reason OpenSSL found to refuse the broker's certificate in this thread's last
/// handshake: rabbitmq-c says only "SSL connection failed", and a person needs to hear
/// "self-signed certificate in certificate chain" or "hostname mismatch".
thread_local int t_verify_error = X509_V_OK;

int record_verify_error(int preverify_ok, X509_STORE_CTX* store) noexcept
{
    if (preverify_ok == 0 && t_verify_error == X509_V_OK)
        t_verify_error = X509_STORE_CTX_get_error(store);
    return preverify_ok;
}

bool is_ip_address(const std::string& host) noexcept
{
    in6_addr address{};
    return ::inet_pton(AF_INET, host.c_str(), &address) == 1 ||
           ::inet_pton(AF_INET6, host.c_str(), &address) == 1;
}

/// The certificate checks, made by OpenSSL during the handshake so that a refusal comes with
/// its reason. rabbitmq-c 0.11 checks after the handshake, without saying why, and compares an
/// IP address with the certificate's DNS names only (amqps://127.0.0.1 never matched).
ipc::Status prepare_tls(amqp_socket_t* socket, const BrokerSettings& settings,
                        const BrokerNode& node, const char* address) noexcept
{
    auto* context = static_cast<SSL_CTX*>(amqp_ssl_socket_get_context(socket));
    if (context == nullptr)
        return Error::make(Errc::Broker, "amqp_ssl_socket_get_context", address,
                           "rabbitmq-c has no OpenSSL context");
    X509_VERIFY_PARAM* check = SSL_CTX_get0_param(context);
    const bool ip = is_ip_address(node.host);
    const int named = ip ? X509_VERIFY_PARAM_set1_ip_asc(check, node.host.c_str())
                         : X509_VERIFY_PARAM_set1_host(check, node.host.c_str(), 0);
    if (named != 1)
        return Error::make(Errc::Broker,
                           ip ? "X509_VERIFY_PARAM_set1_ip_asc" : "X509_VERIFY_PARAM_set1_host",
                           address, "OpenSSL refused the host name");
    SSL_CTX_set_verify(context, SSL_VERIFY_PEER, record_verify_error);
    amqp_ssl_socket_set_verify_peer(socket, 1);
    amqp_ssl_socket_set_verify_hostname(socket, ip ? 0 : 1);
    if (settings.ca_cert.empty()) {
        // rabbitmq-c trusts nobody unless told: the system's authorities, as documented.
        if (SSL_CTX_set_default_verify_paths(context) != 1)
            return Error::make(Errc::Broker, "SSL_CTX_set_default_verify_paths", address,
                               "the system's certificate authorities cannot be read");
        return ipc::Ok{};
    }
    // OpenSSL says "system lib" for a file it cannot open: the errno says more.
    if (const int fd = ::open(settings.ca_cert.c_str(), O_RDONLY | O_CLOEXEC); fd >= 0) {
        ::close(fd);
    } else {
        Error e = Error::posix("open", settings.ca_cert, errno);
        std::snprintf(e.detail, sizeof e.detail, "the CA file of %s", kBrokerCaVariable);
        return e;
    }
    ERR_clear_error();
    if (const int status = amqp_ssl_socket_set_cacert(socket, settings.ca_cert.c_str());
        status != AMQP_STATUS_OK) {
        const char* why = ERR_reason_error_string(ERR_peek_last_error());
        char detail[112];
        std::snprintf(detail, sizeof detail, "%s: %s", kBrokerCaVariable,
                      why != nullptr ? why : "no PEM certificate could be read from it");
        ERR_clear_error();
        return Error::make(Errc::Broker, "amqp_ssl_socket_set_cacert", settings.ca_cert, detail);
    }
    return ipc::Ok{};
}

/// Why amqp_socket_open failed on an amqps:// connection, when TLS is the reason.
std::optional<Error> tls_failure(int status, const BrokerNode& node, const char* address) noexcept
{
    char detail[112];
    const int verify = std::exchange(t_verify_error, X509_V_OK);
    if (verify == X509_V_ERR_HOSTNAME_MISMATCH || verify == X509_V_ERR_IP_ADDRESS_MISMATCH ||
        status == AMQP_STATUS_SSL_HOSTNAME_VERIFY_FAILED) {
        std::snprintf(detail, sizeof detail,
                      "its certificate could not be verified: it is not for %s", node.host.c_str());
    } else if (verify != X509_V_OK) {
        std::snprintf(detail, sizeof detail, "its certificate could not be verified: %s",
                      X509_verify_cert_error_string(verify));
    } else if (status == AMQP_STATUS_SSL_PEER_VERIFY_FAILED) {
        std::snprintf(detail, sizeof detail, "its certificate could not be verified");
    } else if (status == AMQP_STATUS_SSL_CONNECTION_FAILED || status == AMQP_STATUS_SSL_ERROR) {
        const unsigned long err = ERR_peek_last_error();
        const char* why = ERR_reason_error_string(err);
        // What a plain AMQP port answers to a TLS hello: its protocol header, not a TLS record.
        const bool plain = ERR_GET_LIB(err) == ERR_LIB_SSL &&
                           (ERR_GET_REASON(err) == SSL_R_WRONG_VERSION_NUMBER ||
                            ERR_GET_REASON(err) == SSL_R_PACKET_LENGTH_TOO_LONG);
        std::snprintf(detail, sizeof detail, "the TLS handshake failed: %s%s",
                      why != nullptr ? why : amqp_error_string2(status),
                      plain ? " (no TLS on this port: amqp:// instead?)" : "");
    } else {
        ERR_clear_error();
        return std::nullopt;
    }
    ERR_clear_error();
    return Error::make(Errc::Broker, "connect", address, detail);
}

} // namespace

timeval to_timeval(std::chrono::microseconds duration) noexcept
{
    const auto us = std::max<std::int64_t>(0, duration.count());
    timeval tv{};
    tv.tv_sec = static_cast<time_t>(us / 1'000'000);
    tv.tv_usec = static_cast<suseconds_t>(us % 1'000'000);
    return tv;
}

ipc::Result<Connection> Connection::open(const BrokerSettings& settings) noexcept
{
    const std::size_t count = settings.nodes.size();
    if (count == 0)
        return Error::make(Errc::Broker, "connect", "", "no broker node given");
    if (count == 1)
        return open_node(settings, 0);
    // Each attempt starts at the next node, and each process at its own (the pid: a server's
    // children are forked with the same counter): sessions spread over the cluster, and a dead
    // node is tried first by one attempt in N, not by every attempt, each of which would wait
    // for its refusal or, on a real network, its timeout.
    static std::atomic<unsigned> attempts{0};
    const std::size_t first =
        (static_cast<unsigned>(::getpid()) + attempts.fetch_add(1, std::memory_order_relaxed)) %
        count;
    Error first_error;
    bool all_alike = true;
    char reasons[sizeof Error::detail] = {};
    std::size_t used = 0;
    for (std::size_t k = 0; k < count; ++k) {
        const std::size_t index = (first + k) % count;
        auto opened = open_node(settings, index);
        if (opened)
            return opened;
        const Error& e = opened.error();
        if (k == 0)
            first_error = e;
        else
            all_alike = all_alike && e.code == first_error.code && e.err == first_error.err &&
                        std::strcmp(e.call, first_error.call) == 0 &&
                        std::strcmp(e.detail, first_error.detail) == 0;
        const BrokerNode& node = settings.nodes[index];
        const bool connecting = std::strcmp(e.call, "connect") == 0;
        const char* why = e.code == Errc::Posix     ? ipc::errno_name(e.err)
                          : e.code == Errc::Timeout ? "timed out"
                          : e.detail[0] != '\0'     ? e.detail
                                                    : "failed";
        // A broker's reply reads "ACCESS_REFUSED - Login was refused ...": its name is enough
        // here, and every node gets an equal share of the room, so that none is left out.
        const char* dash = std::strstr(why, " - ");
        const int why_length =
            dash ? static_cast<int>(dash - why) : static_cast<int>(std::strlen(why));
        char one[sizeof reasons];
        const int n = std::snprintf(one, sizeof one, "%s%s:%d %s%s%.*s", k == 0 ? "" : "; ",
                                    node.host.c_str(), node.port, connecting ? "" : e.call,
                                    connecting ? "" : ": ", why_length, why);
        const std::size_t share = (sizeof reasons - 1) / count;
        const std::size_t length =
            std::min({n > 0 ? static_cast<std::size_t>(n) : 0, share, sizeof reasons - 1 - used});
        std::memcpy(reasons + used, one, length);
        used += length;
    }
    // The whole list is the object: which node was tried first does not matter to the reader.
    const std::string list = settings.address();
    if (all_alike) {
        Error e = first_error;
        std::snprintf(e.object, sizeof e.object, "%s", list.c_str());
        if (first_error.detail[0] == '\0')
            std::snprintf(e.detail, sizeof e.detail, "on every node");
        else
            std::snprintf(e.detail, sizeof e.detail, "every node: %s", first_error.detail);
        return e;
    }
    return Error::make(Errc::Broker, "connect", list, reasons);
}

ipc::Result<Connection> Connection::open_node(const BrokerSettings& settings,
                                              std::size_t index) noexcept
{
    Connection c;
    const BrokerNode& node = settings.nodes[index];
    const std::string address = settings.node_address(index);
    std::snprintf(c.m_address, sizeof c.m_address, "%s", address.c_str());
    c.m_state = amqp_new_connection();
    if (c.m_state == nullptr)
        return Error::make(Errc::Broker, "amqp_new_connection", c.m_address, "out of memory");

    amqp_socket_t* socket =
        settings.tls ? amqp_ssl_socket_new(c.m_state) : amqp_tcp_socket_new(c.m_state);
    if (socket == nullptr)
        return Error::make(Errc::Broker, "amqp_socket_new", c.m_address,
                           "rabbitmq-c could not make a socket");
    if (settings.tls) {
        if (const ipc::Status prepared = prepare_tls(socket, settings, node, c.m_address);
            !prepared)
            return prepared.error();
        t_verify_error = X509_V_OK;
        ERR_clear_error();
    }

    timeval connect_timeout = to_timeval(settings.connect_timeout);
    errno = 0;
    if (const int status =
            amqp_socket_open_noblock(socket, node.host.c_str(), node.port, &connect_timeout);
        status != AMQP_STATUS_OK) {
        const int err = errno;
        if (status == AMQP_STATUS_TIMEOUT)
            return Error::make(Errc::Timeout, "connect", c.m_address,
                               "the broker did not answer in time");
        if (settings.tls) {
            if (std::optional<Error> e = tls_failure(status, node, c.m_address))
                return *e;
        }
        if (status == AMQP_STATUS_SOCKET_ERROR) {
            const int why = err == EINPROGRESS || err == 0
                                ? connect_errno(node.host, node.port, settings.connect_timeout)
                                : err;
            if (why != 0)
                return Error::posix("connect", c.m_address, why);
        }
        return Error::make(Errc::Broker, "connect", c.m_address, amqp_error_string2(status));
    }
    timeval handshake = to_timeval(settings.connect_timeout);
    (void)amqp_set_handshake_timeout(c.m_state, &handshake);
    timeval rpc = to_timeval(kRpcTimeout);
    (void)amqp_set_rpc_timeout(c.m_state, &rpc);
    c.m_usable = true;

    // No heartbeat: a consumer's child may wait a minute for its client's OK without calling
    // into rabbitmq-c, and a missed heartbeat would make the broker hand its names to another
    // consumer. A dead broker shows as a closed or reset socket instead.
    const amqp_rpc_reply_t login =
        amqp_login(c.m_state, settings.vhost.c_str(), 0, kFrameMax, 0, AMQP_SASL_METHOD_PLAIN,
                   settings.user.c_str(), settings.password.c_str());
    if (login.reply_type != AMQP_RESPONSE_NORMAL) {
        Error e = c.failure(login, "amqp_login", c.m_address);
        // The socket closed. Without any connection.start, whatever listens there does not speak
        // AMQP 0-9-1 in the clear (most likely a TLS port: it answers with an alert and hangs
        // up); after it, RabbitMQ refused the login (it closes the socket when the client does
        // not ask for a reason). Say what it most likely was.
        const bool greeted = amqp_get_server_properties(c.m_state)->num_entries > 0;
        if (e.code == Errc::Broker && !greeted &&
            (e.err == AMQP_STATUS_CONNECTION_CLOSED || e.err == AMQP_STATUS_SOCKET_ERROR ||
             e.err == AMQP_STATUS_SOCKET_CLOSED || e.err == AMQP_STATUS_BAD_AMQP_DATA ||
             e.err == AMQP_STATUS_UNEXPECTED_STATE))
            std::snprintf(e.detail, sizeof e.detail, "no AMQP greeting, the connection closed (%s)",
                          settings.tls ? "not an AMQP port?" : "a TLS port? amqps:// then");
        else if (e.code == Errc::Broker && e.err == AMQP_STATUS_CONNECTION_CLOSED)
            std::snprintf(e.detail, sizeof e.detail,
                          "the broker closed the connection (user '%s' refused?)",
                          settings.user.c_str());
        return e;
    }
    amqp_channel_open(c.m_state, kChannel);
    if (const ipc::Status opened = c.check_reply("amqp_channel_open", c.m_address); !opened)
        return opened.error();
    return c;
}

Connection::Connection(Connection&& other) noexcept
    : m_state(std::exchange(other.m_state, nullptr)), m_usable(std::exchange(other.m_usable, false))
{
    std::memcpy(m_address, other.m_address, sizeof m_address);
}

Connection& Connection::operator=(Connection&& other) noexcept
{
    if (this != &other) {
        close();
        m_state = std::exchange(other.m_state, nullptr);
        m_usable = std::exchange(other.m_usable, false);
        std::memcpy(m_address, other.m_address, sizeof m_address);
    }
    return *this;
}

Connection::~Connection()
{
    close();
}

void Connection::close() noexcept
{
    if (m_state == nullptr)
        return;
    if (m_usable) {
        // Bounded: a broker that stopped answering must not keep a child from leaving.
        timeval brief = to_timeval(std::chrono::milliseconds(500));
        (void)amqp_set_rpc_timeout(m_state, &brief);
        (void)amqp_channel_close(m_state, kChannel, AMQP_REPLY_SUCCESS);
        (void)amqp_connection_close(m_state, AMQP_REPLY_SUCCESS);
    }
    (void)amqp_destroy_connection(m_state);
    m_state = nullptr;
    m_usable = false;
}

Error Connection::library_failure(int status, const char* call, std::string_view object) noexcept
{
    if (status == AMQP_STATUS_TIMEOUT)
        return Error::make(Errc::Timeout, call, object, "the broker did not answer in time");
    if (status == AMQP_STATUS_SOCKET_ERROR || status == AMQP_STATUS_CONNECTION_CLOSED ||
        status == AMQP_STATUS_SOCKET_CLOSED || status == AMQP_STATUS_SSL_ERROR ||
        status == AMQP_STATUS_HEARTBEAT_TIMEOUT)
        m_usable = false;
    return broker_error(call, object, status, amqp_error_string2(status));
}

Error Connection::failure(const amqp_rpc_reply_t& reply, const char* call,
                          std::string_view object) noexcept
{
    switch (reply.reply_type) {
    case AMQP_RESPONSE_NORMAL:
        return Error::make(Errc::Broker, call, object, "no error");
    case AMQP_RESPONSE_NONE:
        m_usable = false;
        return Error::make(Errc::Broker, call, object, "no reply from the broker");
    case AMQP_RESPONSE_LIBRARY_EXCEPTION:
        return library_failure(reply.library_error, call, object);
    case AMQP_RESPONSE_SERVER_EXCEPTION:
        break;
    }
    amqp_frame_t frame{};
    frame.frame_type = AMQP_FRAME_METHOD;
    frame.channel = kChannel;
    frame.payload.method = reply.reply;
    return frame_failure(frame, call, object);
}

Error Connection::frame_failure(const amqp_frame_t& frame, const char* call,
                                std::string_view object) noexcept
{
    if (frame.frame_type != AMQP_FRAME_METHOD)
        return Error::make(Errc::Broker, call, object, "an unexpected frame from the broker");
    const amqp_method_t& method = frame.payload.method;
    if (method.id == AMQP_CONNECTION_CLOSE_METHOD) {
        const auto* close = static_cast<const amqp_connection_close_t*>(method.decoded);
        Error e = broker_error(call, object, close->reply_code, bytes_view(close->reply_text));
        amqp_connection_close_ok_t ok{};
        (void)amqp_send_method(m_state, 0, AMQP_CONNECTION_CLOSE_OK_METHOD, &ok);
        m_usable = false;
        return e;
    }
    if (method.id == AMQP_CHANNEL_CLOSE_METHOD) {
        const auto* close = static_cast<const amqp_channel_close_t*>(method.decoded);
        Error e = broker_error(call, object, close->reply_code, bytes_view(close->reply_text));
        amqp_channel_close_ok_t ok{};
        (void)amqp_send_method(m_state, kChannel, AMQP_CHANNEL_CLOSE_OK_METHOD, &ok);
        // This code uses one channel: without it the connection is of no use.
        m_usable = false;
        return e;
    }
    char detail[64];
    std::snprintf(detail, sizeof detail, "an unexpected method 0x%08x from the broker",
                  static_cast<unsigned>(method.id));
    return Error::make(Errc::Broker, call, object, detail);
}

ipc::Status Connection::check_reply(const char* call, std::string_view object) noexcept
{
    const amqp_rpc_reply_t reply = amqp_get_rpc_reply(m_state);
    if (reply.reply_type == AMQP_RESPONSE_NORMAL)
        return ipc::Ok{};
    return failure(reply, call, object);
}

} // namespace prodcons::amqp
