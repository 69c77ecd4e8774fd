// pacing_sink: a server that speaks just enough of the protocol to take names from one producer
// and note when each arrives, to measure how closely a client keeps its set rate.
//   pacing_sink PORT SECONDS
// Waits for a producer, takes names for SECONDS after the first one, answers OK to each, then
// prints "count N span_s S per_minute R" (R from first to last arrival) and exits.
#include "probe_socket.h"

int main(int argc, char** argv)
{
    if (argc != 3) {
        std::fprintf(stderr, "usage: %s PORT SECONDS\n", argv[0]);
        return 2;
    }
    const int listener = probe::listen_on_loopback(std::atoi(argv[1]), 4, "pacing_sink");
    std::printf("listening\n");
    std::fflush(stdout);
    const std::int64_t span_ns = static_cast<std::int64_t>(std::atof(argv[2]) * 1e9);
    const int fd = accept(listener, nullptr, nullptr);
    probe::send_all(fd, "Task?\n", 6);
    probe::Lines lines(fd);
    std::string line;
    probe::expect(lines.next(line) && line == "producer", "the client is not a producer");

    long count = 0;
    std::int64_t first = 0;
    std::int64_t last = 0;
    std::string oks;
    while (lines.next(line)) {
        const std::int64_t now = probe::now_ns();
        if (count == 0)
            first = now;
        if (now - first > span_ns)
            break;
        last = now;
        ++count;
        oks += "OK\n";
        if (!lines.buffered()) { // answer each burst with one write
            probe::send_all(fd, oks.data(), oks.size());
            oks.clear();
        }
    }
    close(fd);
    const double span = static_cast<double>(last - first) / 1e9;
    std::printf("count %ld span_s %.6f per_minute %.3f\n", count, span,
                span > 0 ? static_cast<double>(count - 1) / span * 60.0 : 0.0);
    return 0;
}
