#pragma once

#include "app/workflows/ScanProfile.h"

#include <QObject>
#include <QString>

namespace sohoa::gui {

// `sohoa --demo`: SANE's virtual scanners instead of the machine's, fed with sample pages the program
// draws itself (a Vietnamese application form, a decision with its red seal and blue signature, a
// certificate, a plain letter), so that the counter flow can be tried with pages that look like
// paper. Sets SANE_CONFIG_DIR for this process (call before SANE is first used) to a folder under the
// cache location with the `test` (A4 feeder) and `pnm` backends; after every scan the pnm scanner's
// file is turned to the next sample page.
class DemoScanner : public QObject
{
    Q_OBJECT
public:
    explicit DemoScanner(QObject *parent = nullptr);

    bool isReady() const { return !m_folder.isEmpty(); }
    // A profile that scans the sample pages one by one (flatbed, colour, 200 dpi).
    workflows::ScanProfile profile() const;
    // The next sample page goes into the pnm scanner.
    void advance();

    static QImage samplePage(int index, int dpi);
    static constexpr int kSamples = 4;

private:
    QString m_folder;
    int m_next = 0;
};

} // namespace sohoa::gui
