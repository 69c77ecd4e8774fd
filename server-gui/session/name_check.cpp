#include "name_check.h"

namespace prodcons::server {

bool valid_utf8(std::string_view text) noexcept
{
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    std::size_t i = 0;
    while (i < n) {
        const unsigned char c = s[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t extra;
        unsigned int min;
        unsigned int cp;
        if ((c & 0xE0) == 0xC0) {
            extra = 1, min = 0x80, cp = c & 0x1Fu;
        } else if ((c & 0xF0) == 0xE0) {
            extra = 2, min = 0x800, cp = c & 0x0Fu;
        } else if ((c & 0xF8) == 0xF0) {
            extra = 3, min = 0x10000, cp = c & 0x07u;
        } else {
            return false;
        }
        if (n - i <= extra) // truncated sequence
            return false;
        for (std::size_t k = 1; k <= extra; ++k) {
            if ((s[i + k] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (s[i + k] & 0x3Fu);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += extra + 1;
    }
    return true;
}

NameVerdict check_name(std::string_view name, std::size_t max_length) noexcept
{
    if (name.empty())
        return NameVerdict::Empty;
    if (name.size() > max_length)
        return NameVerdict::TooLong;
    for (char ch : name) {
        const auto c = static_cast<unsigned char>(ch);
        if (c < 0x20 || c == 0x7F)
            return NameVerdict::ControlBytes;
    }
    if (!valid_utf8(name))
        return NameVerdict::NotUtf8;
    return name.starts_with("ERROR:") ? NameVerdict::LooksLikeError : NameVerdict::Ok;
}

FixedText<64> refusal_line(NameVerdict verdict, std::size_t max_length) noexcept
{
    FixedText<64> line;
    switch (verdict) {
    case NameVerdict::Ok:
        break;
    case NameVerdict::Empty:
        line << "ERROR: empty name\n";
        break;
    case NameVerdict::TooLong:
        line << "ERROR: name too long (at most " << std::uint64_t{max_length} << " bytes)\n";
        break;
    case NameVerdict::ControlBytes:
        line << "ERROR: name contains control characters\n";
        break;
    case NameVerdict::NotUtf8:
        line << "ERROR: name is not valid UTF-8\n";
        break;
    case NameVerdict::LooksLikeError:
        line << "ERROR: a name may not start with 'ERROR:'\n";
        break;
    }
    return line;
}

bool is_word(std::string_view text, std::string_view word) noexcept
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    if (text.size() != word.size())
        return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
        if (c != word[i])
            return false;
    }
    return true;
}

} // namespace prodcons::server
