// StepCodeView: draws a StepCodeModel. The producer's and the consumer's loop side by side in
// a fixed-width font, the lines with a child on them tinted, each child as a chip with its pid
// and the name it moves on its line (green: producers, orange: consumers, as the in and out
// markers of the ring), and under the code one line per child with its state in words.
// Sized for its whole content: put it in a scroll area where room is short.
#pragma once

#include <QFont>
#include <QWidget>
#include <sys/types.h>

namespace prodcons::server {

class StepCodeModel;
struct CodeListing;
struct CodeMarker;

class StepCodeView : public QWidget
{
    Q_OBJECT

public:
    explicit StepCodeView(StepCodeModel* model, QWidget* parent = nullptr);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

    /// Where the chip of the child `pid` is drawn on its code line (empty when it is not, e.g.
    /// when more children share a line than it has room for), and its text.
    QRect markerRect(pid_t pid) const;
    QString markerText(pid_t pid) const;
    /// Where the code line `line` of `listing` (0: producer, 1: consumer) is drawn.
    QRect lineRect(int listing, int line) const;

protected:
    void paintEvent(QPaintEvent* event) override;
    void changeEvent(QEvent* event) override;
    bool event(QEvent* event) override;

private:
    struct Chip
    {
        const CodeMarker* marker = nullptr;
        QRect rect;
        QString text;
    };

    void onModelChanged();
    void updateFont();
    int lineHeight() const;
    int codeWidth() const; ///< the widest line of either loop
    int leastChipWidth() const;
    int columnWidth() const; ///< one loop with its chips
    int rowsOfCode() const;  ///< the heading and the longer loop
    QRect columnRect(int listing) const;
    std::vector<Chip> layoutChips() const;
    QString chipText(const CodeMarker& marker) const;
    void paintListing(QPainter& painter, int listing, const CodeListing& code) const;
    void paintChip(QPainter& painter, const Chip& chip) const;
    void paintLegend(QPainter& painter) const;

    StepCodeModel* m_model = nullptr;
    QFont m_codeFont;
};

} // namespace prodcons::server
