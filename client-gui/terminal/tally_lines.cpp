#include "tally_lines.h"

namespace prodcons::client {

QByteArray producerTally(const QByteArray& tagSource, const SessionFigures& figures)
{
    QByteArray line = "tally";
    if (!tagSource.isEmpty())
        line += " source=" + tagSource;
    line += " sent=" + QByteArray::number(figures.sent);
    line += " acknowledged=" + QByteArray::number(figures.acknowledged);
    if (figures.errors > 0)
        line += " errors=" + QByteArray::number(figures.errors);
    return line;
}

QList<QByteArray> consumerTallies(const TagTracker& tracker, const SessionFigures& figures,
                                  bool tracking)
{
    QList<QByteArray> lines;
    if (tracking) {
        for (const SourceTally& tally : tracker.tallies()) {
            lines.append("tally source=" + tally.source +
                         " distinct=" + QByteArray::number(tally.distinct) +
                         " max=" + QByteArray::number(tally.maxSeq) +
                         " gaps=" + QByteArray::number(tally.gaps) +
                         " duplicates=" + QByteArray::number(tally.duplicates));
        }
    }
    QByteArray total = "tally received=" + QByteArray::number(figures.received);
    if (tracking && tracker.untagged() > 0)
        total += " untagged=" + QByteArray::number(tracker.untagged());
    lines.append(total);
    return lines;
}

} // namespace prodcons::client
