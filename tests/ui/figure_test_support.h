// SPDX-License-Identifier: MIT
#pragma once
// Shared by the figure tests: texts of a given length, and the text elements of an SVG.
#include <QByteArray>
#include <QStringList>
#include <QXmlStreamReader>

#include <gtest/gtest.h>

namespace qkview::test {

// n words from a small pool ("the cat sat on mat dog ran off the …"): one token each for the teaching model.
inline QString words(int n) {
    static const QStringList pool{QStringLiteral("the"), QStringLiteral("cat"), QStringLiteral("sat"), QStringLiteral("on"),
                                  QStringLiteral("mat"), QStringLiteral("dog"), QStringLiteral("ran"), QStringLiteral("off")};
    QStringList out;
    for (int i = 0; i < n; ++i) out << pool[i % pool.size()];
    return out.join(u' ');
}

// The trimmed contents of every <text> element, in document order; fails the test on malformed XML.
inline QStringList svgTexts(const QByteArray& svg) {
    QStringList out;
    QXmlStreamReader xml(svg);
    while (!xml.atEnd())
        if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == u"text")
            out << xml.readElementText(QXmlStreamReader::IncludeChildElements).trimmed();
    EXPECT_FALSE(xml.hasError()) << xml.errorString().toStdString();
    return out;
}

} // namespace qkview::test
