// latency_probe: time from a producer's send to the consumer's receipt, through two servers.
//   latency_probe PRODUCER_PORT CONSUMER_PORT RATE_PER_SECOND SECONDS
// Prints "count N p50_us X p99_us Y p999_us Z max_us W". Names carry their send time on
// CLOCK_MONOTONIC, which every process on the machine shares.
#include "probe_socket.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

int main(int argc, char** argv)
{
    if (argc != 5) {
        std::fprintf(stderr, "usage: %s PRODUCER_PORT CONSUMER_PORT RATE SECONDS\n", argv[0]);
        return 2;
    }
    const int producer_port = std::atoi(argv[1]);
    const int consumer_port = std::atoi(argv[2]);
    const double rate = std::atof(argv[3]);
    const double seconds = std::atof(argv[4]);
    const long total = static_cast<long>(rate * seconds);

    const int consumer = probe::connect_to("127.0.0.1", consumer_port);
    probe::Lines consumer_lines(consumer);
    std::string line;
    probe::expect(consumer_lines.next(line) && line == "Task?",
                  "no Task? from the consumer's server");
    probe::send_all(consumer, "consumer\n", 9);
    const int producer = probe::connect_to("127.0.0.1", producer_port);
    probe::Lines producer_lines(producer);
    probe::expect(producer_lines.next(line) && line == "Task?",
                  "no Task? from the producer's server");
    probe::send_all(producer, "producer\n", 9);

    std::vector<std::int64_t> latencies;
    std::vector<std::int64_t> sent_at; // CLOCK_MONOTONIC, for the dump
    latencies.reserve(static_cast<std::size_t>(total));
    sent_at.reserve(static_cast<std::size_t>(total));
    std::thread receiver([&] {
        std::string name;
        while (static_cast<long>(latencies.size()) < total && consumer_lines.next(name)) {
            const auto dash = name.rfind('-');
            const std::int64_t sent = std::atoll(name.c_str() + dash + 1);
            sent_at.push_back(sent);
            latencies.push_back(probe::now_ns() - sent);
            probe::send_all(consumer, "OK\n", 3);
        }
    });
    std::thread acknowledgements([&] {
        std::string ok;
        for (long i = 0; i < total && producer_lines.next(ok);)
            ++i;
    });

    // Sends on a schedule (start + k / rate), never "sleep one interval after each send".
    const std::int64_t start = probe::now_ns();
    const double interval_ns = 1e9 / rate;
    for (long k = 0; k < total; ++k) {
        const auto due = start + static_cast<std::int64_t>(static_cast<double>(k) * interval_ns);
        timespec at{static_cast<time_t>(due / 1'000'000'000),
                    static_cast<long>(due % 1'000'000'000)};
        clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &at, nullptr);
        char name[64];
        const int n = std::snprintf(name, sizeof name, "lat-%ld-%lld\n", k,
                                    static_cast<long long>(probe::now_ns()));
        probe::send_all(producer, name, static_cast<std::size_t>(n));
    }
    receiver.join();
    acknowledgements.join();
    probe::send_all(producer, "quit\n", 5);
    probe::send_all(consumer, "quit\n", 5);
    close(producer);
    close(consumer);

    // Every sample, for a closer look (bench/latency_trace.py): "SENT_NS LATENCY_NS" per name,
    // in the order received, the send time on CLOCK_MONOTONIC.
    if (const char* dump = std::getenv("PRODCONS_LATENCY_DUMP")) {
        if (FILE* f = std::fopen(dump, "w")) {
            for (std::size_t i = 0; i < latencies.size(); ++i)
                std::fprintf(f, "%lld %lld\n", static_cast<long long>(sent_at[i]),
                             static_cast<long long>(latencies[i]));
            std::fclose(f);
        }
    }
    std::sort(latencies.begin(), latencies.end());
    auto at = [&](double q) {
        return latencies[std::min(
                   latencies.size() - 1,
                   static_cast<std::size_t>(q * static_cast<double>(latencies.size())))] /
               1000.0;
    };
    std::printf("count %zu p50_us %.1f p99_us %.1f p999_us %.1f max_us %.1f\n", latencies.size(),
                at(0.50), at(0.99), at(0.999), latencies.back() / 1000.0);
    return 0;
}
