#include "line_reader_check.h"

#include "line_reader.h"

#include <algorithm>
#include <string_view>
#include <vector>

namespace prodcons::fuzz {

namespace {

struct Item
{
    bool tooLong = false;
    std::string text;
    bool operator==(const Item&) const = default;
};

Item modelItem(std::string_view line, std::size_t maxLine)
{
    if (!line.empty() && line.back() == '\r')
        line.remove_suffix(1);
    if (line.size() > maxLine)
        return {true, {}};
    return {false, std::string(line)};
}

std::vector<Item> model(std::string_view stream, std::size_t maxLine)
{
    std::vector<Item> items;
    std::size_t begin = 0;
    for (;;) {
        const std::size_t lf = stream.find('\n', begin);
        if (lf == std::string_view::npos)
            break;
        items.push_back(modelItem(stream.substr(begin, lf - begin), maxLine));
        begin = lf + 1;
    }
    if (begin < stream.size())
        items.push_back(modelItem(stream.substr(begin), maxLine));
    return items;
}

std::string show(const std::vector<Item>& items)
{
    std::string out;
    for (const Item& item : items) {
        out += item.tooLong ? std::string("<too long>") : "\"" + item.text + "\"";
        out += ' ';
    }
    return out;
}

} // namespace

std::string checkLineReader(const std::uint8_t* data, std::size_t size)
{
    if (size < 3)
        return {};
    const std::size_t maxLine = 1 + data[0] % 64;
    const std::size_t spare = data[1] % 32;
    const std::uint8_t readPattern = data[2];
    const std::string_view stream(reinterpret_cast<const char*>(data + 3), size - 3);

    std::vector<char> storage(maxLine + 3 + spare);
    server::LineReader reader(std::span<char>(storage.data(), storage.size()), maxLine);
    std::vector<Item> got;
    auto take = [&](const std::optional<server::LineReader::Item>& item) {
        got.push_back(item->kind == server::LineReader::Kind::TooLong
                          ? Item{true, {}}
                          : Item{false, std::string(item->text)});
    };
    std::size_t offset = 0;
    std::size_t round = 0;
    while (offset < stream.size()) {
        const std::span<char> space = reader.free_space();
        if (space.empty())
            return "free_space() is empty";
        // Reads of 1 to 16 bytes, or as much as fits, as the pattern says.
        const std::size_t wanted =
            (readPattern >> (round++ % 8)) & 1 ? space.size() : 1 + (readPattern + round) % 16;
        const std::size_t n = std::min({wanted, space.size(), stream.size() - offset});
        std::copy_n(stream.data() + offset, n, space.data());
        reader.commit(n);
        offset += n;
        while (auto item = reader.next()) {
            if (item->kind == server::LineReader::Kind::Line &&
                (item->text.size() > maxLine || item->text.find('\n') != std::string_view::npos))
                return "a line over the limit or with an LF";
            take(item);
        }
    }
    if (auto item = reader.finish())
        take(item);
    if (reader.finish())
        return "finish() gave a second item";

    const std::vector<Item> expected = model(stream, maxLine);
    if (got != expected)
        return "limit " + std::to_string(maxLine) + ": got " + show(got) + "\nexpected " +
               show(expected);
    return {};
}

} // namespace prodcons::fuzz
