#include "needlebook/model/fold.hpp"

#include <algorithm>
#include <cstdint>
#include <doctest/doctest.h>
#include <string>
#include <string_view>
#include <vector>

using needlebook::fold;

namespace {

// UTF-8 of one code point.
std::string utf8(char32_t c) {
    std::string out;
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
    return out;
}

bool lowercase_ascii_letters(std::string_view text) {
    return !text.empty() &&
           std::all_of(text.begin(), text.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

} // namespace

TEST_CASE("fold: the names of the issue match whatever their case and accents") {
    CHECK(fold("Zoë") == "zoe");
    CHECK(fold("ZOË") == "zoe");
    CHECK(fold("zoe") == "zoe");
    CHECK(fold("Müller") == "muller");
    CHECK(fold("MÜLLER") == "muller");
    CHECK(fold("Øyvind Ødegård") == "oyvind odegard");
    CHECK(fold("øvre") == "ovre");
    CHECK(fold("Åsa Öberg") == "asa oberg");
    CHECK(fold("Straße") == "strasse");
    CHECK(fold("STRASSE") == "strasse");
    CHECK(fold("Łukasz Wałęsa") == "lukasz walesa");
    CHECK(fold("Élodie") == "elodie");
    CHECK(fold("NÚÑEZ") == "nunez");
    CHECK(fold("Peña") == "pena");
    CHECK(fold("François Çelik") == "francois celik");
    CHECK(fold("Ćosić Đorđević") == "cosic dordevic");
    CHECK(fold("Dvořák Šťastný Žižka") == "dvorak stastny zizka");
    CHECK(fold("Ștefan Țepeș") == "stefan tepes"); // Romanian, comma below
    CHECK(fold("Şahin Ţuţea") == "sahin tutea");   // the cedilla forms
    CHECK(fold("İbrahim Işık") == "ibrahim isik"); // Turkish dotted and dotless i
    CHECK(fold("Ægir Œdipe Þór") == "aegir oedipe thor");
    CHECK(fold("Ĳsselmeer") == "ijsselmeer");
    CHECK(fold("Guðrún") == "gudrun");
    CHECK(fold("Ġużeppi Ħaġar") == "guzeppi hagar"); // Maltese
    CHECK(fold("Ő Ű ő ű") == "o u o u");             // Hungarian double acute
    CHECK(fold("ŸVES ÿves") == "yves yves");
}

TEST_CASE("fold: ASCII is lowercased and everything else in it kept") {
    CHECK(fold("") == "");
    CHECK(fold("O'Brien-Smith, Ann P-000001 _%") == "o'brien-smith, ann p-000001 _%");
    std::string all;
    for (int c = 0; c < 0x80; ++c)
        all += static_cast<char>(c);
    std::string expected = all;
    for (auto& c : expected)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    CHECK(fold(all) == expected);
}

TEST_CASE("fold: every letter of Latin-1 Supplement and Latin Extended-A becomes ASCII") {
    for (char32_t c = 0xC0; c <= 0x17F; ++c) {
        CAPTURE(static_cast<std::uint32_t>(c));
        if (c == 0xD7 || c == 0xF7) { // × ÷ are not letters
            CHECK(fold(utf8(c)) == utf8(c));
            continue;
        }
        const auto folded = fold(utf8(c));
        CHECK(lowercase_ascii_letters(folded));
        CHECK(folded.size() <= 2);
    }
}

TEST_CASE("fold: capital and small letters of Latin Extended-A fold alike") {
    // Pairs (capital, small) as Unicode orders them: even/odd up to U+0137, odd/even from U+0139
    // to U+0148, even/odd from U+014A to U+0177, odd/even from U+0179 to U+017E.
    std::vector<std::pair<char32_t, char32_t>> pairs;
    for (char32_t c = 0x100; c <= 0x137; c += 2)
        pairs.emplace_back(c, c + 1);
    for (char32_t c = 0x139; c <= 0x148; c += 2)
        pairs.emplace_back(c, c + 1);
    for (char32_t c = 0x14A; c <= 0x177; c += 2)
        pairs.emplace_back(c, c + 1);
    for (char32_t c = 0x179; c <= 0x17E; c += 2)
        pairs.emplace_back(c, c + 1);
    pairs.emplace_back(0x178, 0xFF); // Ÿ ÿ
    for (const auto& [capital, small] : pairs) {
        CAPTURE(static_cast<std::uint32_t>(capital));
        CHECK(fold(utf8(capital)) == fold(utf8(small)));
    }
    for (char32_t c = 0xC0; c <= 0xDE; ++c)
        if (c != 0xD7) {
            CAPTURE(static_cast<std::uint32_t>(c));
            CHECK(fold(utf8(c)) == fold(utf8(c + 0x20)));
        }
}

TEST_CASE("fold: combining accents are dropped, so decomposed text matches composed text") {
    CHECK(fold("Zoe\u0308") == "zoe");             // e + combining diaeresis
    CHECK(fold("E\u0301lodie") == fold("Élodie")); // E + combining acute
    CHECK(fold("n\u0303") == "n");
    CHECK(fold("\u0300\u036F") == "");
    CHECK(fold("\u0370") == "\u0370"); // just past the combining block
}

TEST_CASE("fold: Greek and Cyrillic capitals are lowercased, Greek accents dropped") {
    CHECK(fold("ΕΛΕΝΗ") == "ελενη");
    CHECK(fold("Ελένη") == "ελενη");
    CHECK(fold("ΆΈΉΊΌΎΏ") == "αεηιουω");
    CHECK(fold("ΪΫϊϋΐΰ") == "ιυιυιυ");
    CHECK(fold("Οδυσσέας") == fold("ΟΔΥΣΣΕΑΣ")); // final sigma as sigma
    CHECK(fold("ДМИТРИЙ") == "дмитрий");
    CHECK(fold("Дмитрий") == "дмитрий");
    CHECK(fold("Фёдор") == "федор");
    CHECK(fold("ЁЖ") == "еж");
    CHECK(fold("ЄІЇЎЂ") == "єіїўђ");
    CHECK(fold("ҐАНА") == "ґана"); // Ukrainian ghe with upturn
    CHECK(fold("ӘЛИЕВ") == "әлиев");
}

TEST_CASE("fold: other scripts, symbols and bytes that are not UTF-8 are kept as they are") {
    for (const std::string kept :
         {"김민지", "محمد", "עברית", "東京", "\xF0\x9F\x98\x80", "µ", "ª", "×", "÷", "¿¡", "€",
          "\u1EA0", // Vietnamese Ạ (Latin Extended Additional) is not folded
          "\xFF", "ab\xC3", "\xC3(", "\xE2\x82", "\x80"}) {
        CAPTURE(kept);
        CHECK(fold(kept) == kept);
    }
    CHECK(fold("Ab\xFF\xC3") == "ab\xFF\xC3");
}

TEST_CASE("fold: folding twice changes nothing") {
    for (const std::string text :
         {"Zoë", "ZOË", "Straße", "Øyvind", "Ελένη", "ДМИТРИЙ", "Ĳ", "e\u0301", "김민지", "\xFF"}) {
        CAPTURE(text);
        CHECK(fold(fold(text)) == fold(text));
    }
}
