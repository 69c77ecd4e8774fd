#include "name_tag.h"

#include <QRandomGenerator>
#include <algorithm>
#include <array>
#include <limits>

namespace prodcons::client {

namespace {

bool isSourceChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

bool isUtf8Continuation(char c)
{
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// Decimal digits of `value`, written backwards into the end of `digits`; returns the count.
qsizetype formatDecimal(quint64 value, std::array<char, 20>& digits)
{
    qsizetype count = 0;
    do {
        digits[digits.size() - 1 - static_cast<size_t>(count++)] =
            static_cast<char>('0' + value % 10);
        value /= 10;
    } while (value != 0);
    return count;
}

} // namespace

bool NameTag::isValidSource(QByteArrayView source)
{
    return !source.isEmpty() && source.size() <= kMaxSourceLength &&
           std::all_of(source.begin(), source.end(), isSourceChar);
}

QByteArray NameTag::randomSource()
{
    static constexpr char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    QByteArray source(6, Qt::Uninitialized);
    for (char& c : source)
        c = alphabet[QRandomGenerator::global()->bounded(static_cast<int>(sizeof alphabet - 1))];
    return source;
}

void NameTag::append(QByteArray& out, QByteArrayView name, QByteArrayView source, quint64 seq)
{
    std::array<char, 20> digits{};
    const qsizetype digitCount = formatDecimal(seq, digits);
    const qsizetype tagSize = 1 + source.size() + 1 + digitCount;
    qsizetype nameSize = name.size();
    if (nameSize + tagSize > kMaxTaggedBytes) {
        nameSize = std::max<qsizetype>(kMaxTaggedBytes - tagSize, 0);
        // Cut before the lead byte of a multi-byte character, never inside it.
        while (nameSize > 0 && isUtf8Continuation(name[nameSize]))
            --nameSize;
    }
    out.append(name.first(nameSize));
    out.append('#');
    out.append(source);
    out.append('-');
    out.append(digits.data() + digits.size() - digitCount, digitCount);
}

std::optional<NameTag::Parsed> NameTag::parse(QByteArrayView taggedName)
{
    const qsizetype hash = taggedName.lastIndexOf('#');
    if (hash < 0)
        return std::nullopt;
    const QByteArrayView tag = taggedName.sliced(hash + 1);
    const qsizetype dash = tag.indexOf('-');
    if (dash < 0)
        return std::nullopt;
    const QByteArrayView source = tag.first(dash);
    const QByteArrayView digits = tag.sliced(dash + 1);
    if (!isValidSource(source) || digits.isEmpty() || digits.size() > 20)
        return std::nullopt;
    quint64 seq = 0;
    for (const char c : digits) {
        if (c < '0' || c > '9')
            return std::nullopt;
        const auto digit = static_cast<quint64>(c - '0');
        if (seq > (std::numeric_limits<quint64>::max() - digit) / 10)
            return std::nullopt; // does not fit in 64 bits
        seq = seq * 10 + digit;
    }
    return Parsed{taggedName.first(hash), source, seq};
}

} // namespace prodcons::client
