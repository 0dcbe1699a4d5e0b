<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>sohoa::gui::BlankReviewDialog</name>
    <message numerus="yes">
        <location filename="../../app/gui/BlankReviewDialog.cpp" line="+220"/>
        <source>All %n blank page(s) reviewed: %1 kept, %2 removed. Esc closes.</source>
        <translation>
            <numerusform>The blank page is reviewed: %1 kept, %2 removed. Esc closes.</numerusform>
            <numerusform>All %n blank pages reviewed: %1 kept, %2 removed. Esc closes.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n page(s) still to review.</source>
        <translation>
            <numerusform>%n page still to review.</numerusform>
            <numerusform>%n pages still to review.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sohoa::gui::DossierPane</name>
    <message numerus="yes">
        <location filename="../../app/gui/DossierPane.cpp" line="+80"/>
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n page</numerusform>
            <numerusform>%n pages</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sohoa::gui::MainWindow</name>
    <message numerus="yes">
        <location filename="../../app/gui/MainWindow.cpp" line="+484"/>
        <source>%n page(s) saved just before it stopped were recovered into: %1.</source>
        <translation>
            <numerusform>%n page saved just before it stopped was recovered into: %1.</numerusform>
            <numerusform>%n pages saved just before it stopped were recovered into: %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n unfinished page file(s) that were never shown were removed.</source>
        <translation>
            <numerusform>%n unfinished page file that was never shown was removed.</numerusform>
            <numerusform>%n unfinished page files that were never shown were removed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n page file(s) are missing or changed: rescan them in place (Ctrl+F5).</source>
        <translation>
            <numerusform>%n page file is missing or changed: rescan it in place (Ctrl+F5).</numerusform>
            <numerusform>%n page files are missing or changed: rescan them in place (Ctrl+F5).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/MainWindowActions.cpp" line="+110"/>
        <source>Dossier %1 created with %n component(s). Press F5 to scan.</source>
        <translation>
            <numerusform>Dossier %1 created with %n component. Press F5 to scan.</numerusform>
            <numerusform>Dossier %1 created with %n components. Press F5 to scan.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+63"/>
        <source>%n page(s) were saved and stay saved.</source>
        <translation>
            <numerusform>%n page was saved and stays saved.</numerusform>
            <numerusform>%n pages were saved and stay saved.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>Scan stopped; %n page(s) saved.</source>
        <translation>
            <numerusform>Scan stopped; %n page saved.</numerusform>
            <numerusform>Scan stopped; %n pages saved.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Scan done: %n page(s) saved.</source>
        <translation>
            <numerusform>Scan done: %n page saved.</numerusform>
            <numerusform>Scan done: %n pages saved.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%1 now has %n page(s). Count the paper: does it match?</source>
        <translation>
            <numerusform>%1 now has %n page. Count the paper: does it match?</numerusform>
            <numerusform>%1 now has %n pages. Count the paper: does it match?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n page(s) look blank.</source>
        <translation>
            <numerusform>%n page looks blank.</numerusform>
            <numerusform>%n pages look blank.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+23"/>
        <source>%1: %n page(s) confirmed against the paper.</source>
        <translation>
            <numerusform>%1: %n page confirmed against the paper.</numerusform>
            <numerusform>%1: %n pages confirmed against the paper.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+64"/>
        <source>Exported %n page(s) to %1</source>
        <translation>
            <numerusform>Exported %n page to %1</numerusform>
            <numerusform>Exported %n pages to %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+26"/>
        <source>(%n page(s) with OCR text, mean confidence %1 %)</source>
        <translation>
            <numerusform>(%n page with OCR text, mean confidence %1 %)</numerusform>
            <numerusform>(%n pages with OCR text, mean confidence %1 %)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n cleaned page(s) used.</source>
        <translation>
            <numerusform>%n cleaned page used.</numerusform>
            <numerusform>%n cleaned pages used.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+41"/>
        <source>Cleanup stopped; %n page(s) cleaned up so far.</source>
        <translation>
            <numerusform>Cleanup stopped; %n page cleaned up so far.</numerusform>
            <numerusform>Cleanup stopped; %n pages cleaned up so far.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n page(s) cleaned up.</source>
        <translation>
            <numerusform>%n page cleaned up.</numerusform>
            <numerusform>%n pages cleaned up.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n page(s) look blank: look at each one before anything is removed.</source>
        <translation>
            <numerusform>%n page looks blank: look at it before it is removed.</numerusform>
            <numerusform>%n pages look blank: look at each one before anything is removed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n page(s) cleaned up; no blank page found.</source>
        <translation>
            <numerusform>%n page cleaned up; no blank page found.</numerusform>
            <numerusform>%n pages cleaned up; no blank page found.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+179"/>
        <source>%n cover sheet file(s) written to %1</source>
        <translation>
            <numerusform>%n cover sheet file written to %1</numerusform>
            <numerusform>%n cover sheet files written to %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+162"/>
        <source>%n file(s) of %1 queued for upload to %2.</source>
        <translation>
            <numerusform>%n file of %1 queued for upload to %2.</numerusform>
            <numerusform>%n files of %1 queued for upload to %2.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sohoa::gui::PageDelegate</name>
    <message numerus="yes">
        <location filename="../../app/gui/PageDelegate.cpp" line="+63"/>
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n page</numerusform>
            <numerusform>%n pages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>✓ %n page(s), matches the paper</source>
        <translation>
            <numerusform>✓ %n page, matches the paper</numerusform>
            <numerusform>✓ %n pages, match the paper</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sohoa::gui::PagesPane</name>
    <message numerus="yes">
        <location filename="../../app/gui/PagesPane.cpp" line="+191"/>
        <source>%1 — %n page(s)</source>
        <translation>
            <numerusform>%1 — %n page</numerusform>
            <numerusform>%1 — %n pages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n blank page(s) to review</source>
        <translation>
            <numerusform>%n blank page to review</numerusform>
            <numerusform>%n blank pages to review</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+199"/>
        <source>Delete %n page(s)</source>
        <translation>
            <numerusform>Delete %n page</numerusform>
            <numerusform>Delete %n pages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+38"/>
        <source>Move %n page(s)</source>
        <translation>
            <numerusform>Move %n page</numerusform>
            <numerusform>Move %n pages</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sohoa::gui::SigningDesk</name>
    <message numerus="yes">
        <location filename="../../app/gui/SigningDesk.cpp" line="+280"/>
        <source>%n file(s) to sign.</source>
        <translation>
            <numerusform>%n file to sign.</numerusform>
            <numerusform>%n files to sign.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+41"/>
        <source>%n signature(s)</source>
        <translation>
            <numerusform>%n signature</numerusform>
            <numerusform>%n signatures</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+191"/>
        <source>%1 of %2 file(s) signed.</source>
        <translation>
            <numerusform>%1 of %2 file signed.</numerusform>
            <numerusform>%1 of %2 files signed.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sohoa::gui::SigningKeyPanel</name>
    <message numerus="yes">
        <location filename="../../app/gui/SigningKeyPanel.cpp" line="+254"/>
        <source>The certificate expires in %n day(s): ask the provider to renew it.</source>
        <translation>
            <numerusform>The certificate expires in %n day: ask the provider to renew it.</numerusform>
            <numerusform>The certificate expires in %n days: ask the provider to renew it.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sohoa::gui::VerifyWindow</name>
    <message numerus="yes">
        <location filename="../../app/gui/VerifyWindow.cpp" line="+213"/>
        <source>%n file(s) verified.</source>
        <translation>
            <numerusform>%n file verified.</numerusform>
            <numerusform>%n files verified.</numerusform>
        </translation>
    </message>
</context>
</TS>
