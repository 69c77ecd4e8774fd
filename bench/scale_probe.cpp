// scale_probe: how a server copes with many connections.
//   scale_probe connect PORT N          N connections one after the other: connect, read
//                                       Task?, close. Prints "connections_per_s R".
//   scale_probe idle PORT N SERVER_PID  N consumers waiting on an empty buffer, held at once;
//                                       then the server's children's private memory from
//                                       /proc/PID/smaps_rollup. Prints "held N children C
//                                       private_kib_per_child K".
#include "probe_socket.h"

#include <fstream>
#include <sstream>
#include <vector>

namespace {

long private_kib(int pid)
{
    std::ifstream in("/proc/" + std::to_string(pid) + "/smaps_rollup");
    std::string line;
    long total = 0;
    while (std::getline(in, line)) { // "Private_Dirty:       123 kB"
        if (line.rfind("Private_Clean:", 0) == 0 || line.rfind("Private_Dirty:", 0) == 0)
            total += std::atol(line.c_str() + line.find(':') + 1);
    }
    return total;
}

std::vector<int> children_of(int pid)
{
    std::ifstream in("/proc/" + std::to_string(pid) + "/task/" + std::to_string(pid) + "/children");
    std::vector<int> pids;
    int child = 0;
    while (in >> child)
        pids.push_back(child);
    return pids;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 4) {
        std::fprintf(stderr, "usage: %s connect PORT N | idle PORT N SERVER_PID\n", argv[0]);
        return 2;
    }
    const std::string mode = argv[1];
    const int port = std::atoi(argv[2]);
    const int n = std::atoi(argv[3]);
    std::string line;
    if (mode == "connect") {
        const std::int64_t start = probe::now_ns();
        for (int i = 0; i < n; ++i) {
            const int fd = probe::connect_to("127.0.0.1", port);
            probe::Lines lines(fd);
            probe::expect(lines.next(line) && line == "Task?", "no Task?");
            close(fd);
        }
        std::printf("connections_per_s %.0f\n", n / ((probe::now_ns() - start) / 1e9));
        return 0;
    }
    if (mode == "idle" && argc == 5) {
        std::vector<int> fds;
        for (int i = 0; i < n; ++i) {
            const int fd = probe::connect_to("127.0.0.1", port);
            probe::Lines lines(fd);
            probe::expect(lines.next(line) && line == "Task?", "no Task? (server busy?)");
            probe::send_all(fd, "consumer\n", 9);
            fds.push_back(fd);
        }
        // Let every child reach its wait on the empty buffer.
        const int server = std::atoi(argv[4]);
        std::vector<int> children;
        for (int attempt = 0; attempt < 200; ++attempt) {
            children = children_of(server);
            if (static_cast<int>(children.size()) >= n)
                break;
            usleep(50'000);
        }
        long total = 0;
        for (int child : children)
            total += private_kib(child);
        std::printf("held %d children %zu private_kib_per_child %.1f\n", n, children.size(),
                    children.empty()
                        ? 0.0
                        : static_cast<double>(total) / static_cast<double>(children.size()));
        for (int fd : fds)
            close(fd);
        return 0;
    }
    std::fprintf(stderr, "unknown mode\n");
    return 2;
}
