// ipc_throughput: names per second through the shared buffer, process to process, for the
// library and for the textbook baselines it is compared with, in one program and one run.
//
//   ipc_throughput KIND PRODUCERS CONSUMERS NAMES [CAPACITY]
//   KIND: textbook-shm | lib-shm | lib-shm-single | lib-shm-traced | raw-mq | lib-mq |
//         lib-mq-single | lib-mq-traced
//
// Prints one line: "KIND P C NAMES CAPACITY SECONDS NAMES_PER_SECOND". Every name is 16 bytes.
// "-single" uses the one-name calls (put(name), take()); the others use the batch calls a server
// child uses (put(span), hold(n) + acknowledge). "-traced" runs while the parent watches the
// steps (the teaching view's recording is on, ipc/teaching.h).
#include "ipc/attachment.h"
#include "ipc/endpoint.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <mqueue.h>
#include <optional>
#include <semaphore.h>
#include <string>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

using namespace prodcons;

namespace {

constexpr std::size_t kNameLength = 16;
constexpr std::size_t kSlot = 256;

/// "name-00000000042": 16 bytes (and its NUL) for every name of a run.
void make_name(char* out, long i)
{
    char text[32];
    std::snprintf(text, sizeof text, "name-%011ld", i % 100'000'000'000L);
    std::memcpy(out, text, kNameLength + 1);
}

/// Forks `producers` processes that run produce(share) and `consumers` that run consume(share),
/// each with its share of `names`, and exits each with what its function returns. The seconds
/// until all have ended, or nothing (said on stderr) if one failed.
template <typename Produce, typename Consume>
std::optional<double> time_processes(int producers, int consumers, long names, Produce produce,
                                     Consume consume)
{
    const auto start = std::chrono::steady_clock::now();
    std::vector<pid_t> children;
    auto spawn = [&](int count, auto& body) {
        for (int k = 0; k < count; ++k) {
            const long share = names / count + (k < names % count ? 1 : 0);
            const pid_t pid = fork();
            if (pid == 0)
                _exit(body(share));
            if (pid < 0) {
                std::perror("fork");
                std::exit(1);
            }
            children.push_back(pid);
        }
    };
    spawn(producers, produce);
    spawn(consumers, consume);
    int failures = 0;
    for (pid_t pid : children) {
        int status = 0;
        waitpid(pid, &status, 0);
        failures += !(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (failures > 0) {
        std::fprintf(stderr, "%d process(es) failed\n", failures);
        return std::nullopt;
    }
    return seconds;
}

// --- The textbook bounded buffer: three named semaphores and a ring, one name per hold. ------
struct TextbookRing
{
    unsigned in;
    unsigned out;
    char slots[1][kSlot]; // capacity entries follow
};

std::optional<double> run_textbook(int producers, int consumers, long names, unsigned capacity)
{
    const std::string p = "/pcbench" + std::to_string(getpid());
    const std::string m = p + "_m", e = p + "_e", f = p + "_f", s = p + "_s";
    sem_unlink(m.c_str());
    sem_unlink(e.c_str());
    sem_unlink(f.c_str());
    shm_unlink(s.c_str());
    sem_t* mutex = sem_open(m.c_str(), O_CREAT | O_EXCL, 0600, 1);
    sem_t* empty = sem_open(e.c_str(), O_CREAT | O_EXCL, 0600, capacity);
    sem_t* full = sem_open(f.c_str(), O_CREAT | O_EXCL, 0600, 0);
    const int fd = shm_open(s.c_str(), O_RDWR | O_CREAT | O_EXCL, 0600);
    const std::size_t size = sizeof(TextbookRing) + capacity * kSlot;
    if (ftruncate(fd, static_cast<off_t>(size)) != 0)
        std::exit(1);
    auto* ring =
        static_cast<TextbookRing*>(mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0));
    close(fd);

    const auto seconds = time_processes(
        producers, consumers, names,
        [&](long share) {
            char name[kNameLength + 1];
            for (long i = 0; i < share; ++i) {
                make_name(name, i);
                sem_wait(empty);
                sem_wait(mutex);
                std::memcpy(ring->slots[ring->in], name, kNameLength + 1);
                ring->in = (ring->in + 1) % capacity;
                sem_post(mutex);
                sem_post(full);
            }
            return 0;
        },
        [&](long share) {
            char name[kSlot];
            for (long i = 0; i < share; ++i) {
                sem_wait(full);
                sem_wait(mutex);
                std::memcpy(name, ring->slots[ring->out], kNameLength + 1);
                ring->out = (ring->out + 1) % capacity;
                sem_post(mutex);
                sem_post(empty);
            }
            return 0;
        });
    sem_unlink(m.c_str());
    sem_unlink(e.c_str());
    sem_unlink(f.c_str());
    shm_unlink(s.c_str());
    return seconds;
}

// --- A raw POSIX message queue: mq_send / mq_receive, one name per call. ---------------------
std::optional<double> run_raw_mq(int producers, int consumers, long names, unsigned capacity)
{
    const std::string q = "/pcbench" + std::to_string(getpid()) + "_q";
    mq_unlink(q.c_str());
    mq_attr attr = {};
    attr.mq_maxmsg = capacity;
    attr.mq_msgsize = kSlot;
    const mqd_t mq = mq_open(q.c_str(), O_RDWR | O_CREAT | O_EXCL, 0600, &attr);
    if (mq == mqd_t(-1)) {
        std::perror("mq_open");
        std::exit(1);
    }
    const auto seconds = time_processes(
        producers, consumers, names,
        [&](long share) {
            char name[kNameLength + 1];
            for (long i = 0; i < share; ++i) {
                make_name(name, i);
                mq_send(mq, name, kNameLength, 0);
            }
            return 0;
        },
        [&](long share) {
            char name[kSlot];
            for (long i = 0; i < share; ++i)
                mq_receive(mq, name, sizeof name, nullptr);
            return 0;
        });
    mq_close(mq);
    mq_unlink(q.c_str());
    return seconds;
}

// --- The library: an Attachment in the parent, an Endpoint per forked process. ---------------
std::optional<double> run_library(ipc::Mode mode, bool single, bool traced, int producers,
                                  int consumers, long names, unsigned capacity)
{
    ipc::Config config;
    config.prefix = "/pcbench" + std::to_string(getpid());
    config.geometry.capacity = capacity;
    auto attached = ipc::Attachment::attach(config, mode);
    if (!attached) {
        std::fprintf(stderr, "attach: %s\n", ipc::describe(attached.error()).c_str());
        std::exit(1);
    }
    if (traced)
        attached.value().set_watching(true);
    const ipc::Attachment& attachment = attached.value();
    const auto seconds = time_processes(
        producers, consumers, names,
        [&](long share) {
            auto endpoint = ipc::Endpoint::join(attachment, ipc::Endpoint::Role::Producer);
            if (!endpoint)
                return 2;
            constexpr int kBatch = 64;
            char storage[kBatch][kNameLength + 1];
            std::string_view batch[kBatch];
            long i = 0;
            while (i < share) {
                const int n = static_cast<int>(std::min<long>(single ? 1 : kBatch, share - i));
                for (int j = 0; j < n; ++j) {
                    make_name(storage[j], i + j);
                    batch[j] = std::string_view(storage[j], kNameLength);
                }
                int done = 0;
                while (done < n) {
                    auto stored = endpoint->put(std::span(batch + done, std::size_t(n - done)));
                    if (!stored)
                        return 3;
                    done += static_cast<int>(stored.value());
                }
                i += n;
            }
            endpoint->leave();
            return 0;
        },
        [&](long share) {
            auto endpoint = ipc::Endpoint::join(attachment, ipc::Endpoint::Role::Consumer);
            if (!endpoint)
                return 2;
            char name[kSlot];
            long got = 0;
            while (got < share) {
                if (single) {
                    if (!endpoint->take(name, sizeof name))
                        return 3;
                    ++got;
                    continue;
                }
                const auto want =
                    static_cast<std::uint32_t>(std::min<long>(endpoint->window(), share - got));
                auto held = endpoint->hold(want);
                if (!held)
                    return 3;
                for (std::uint32_t j = 0; j < held.value(); ++j)
                    std::memcpy(name, endpoint->held(j).data(), endpoint->held(j).size());
                endpoint->acknowledge(held.value());
                got += held.value();
            }
            endpoint->leave();
            return 0;
        });
    (void)attached->detach();
    return seconds;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 5) {
        std::fprintf(stderr, "usage: %s KIND PRODUCERS CONSUMERS NAMES [CAPACITY]\n", argv[0]);
        return 2;
    }
    const std::string kind = argv[1];
    const int producers = std::atoi(argv[2]);
    const int consumers = std::atoi(argv[3]);
    const long names = std::atol(argv[4]);
    const unsigned capacity = argc > 5 ? static_cast<unsigned>(std::atoi(argv[5])) : 10u;
    std::optional<double> seconds;
    if (kind == "textbook-shm")
        seconds = run_textbook(producers, consumers, names, capacity);
    else if (kind == "raw-mq")
        seconds = run_raw_mq(producers, consumers, names, capacity);
    else if (kind.starts_with("lib-shm") || kind.starts_with("lib-mq"))
        seconds = run_library(kind.starts_with("lib-shm") ? ipc::Mode::Shm : ipc::Mode::Mq,
                              kind.ends_with("single"), kind.ends_with("traced"), producers,
                              consumers, names, capacity);
    else {
        std::fprintf(stderr, "unknown kind %s\n", kind.c_str());
        return 2;
    }
    if (!seconds)
        return 1;
    std::printf("%s %d %d %ld %u %.4f %.0f\n", kind.c_str(), producers, consumers, names, capacity,
                *seconds, static_cast<double>(names) / *seconds);
    return 0;
}
