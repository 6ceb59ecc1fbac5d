#include "needlebook/model/fold.hpp"

#include <array>

namespace needlebook {
namespace {

// U+00C0-U+00FF: the base letters, nothing for × and ÷ (kept as they are).
constexpr std::array<const char*, 64> latin1{
    "a", "a", "a", "a", "a", "a", "ae", "c",     "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  nullptr, "o", "u", "u", "u", "u", "y", "th", "ss",
    "a", "a", "a", "a", "a", "a", "ae", "c",     "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  nullptr, "o", "u", "u", "u", "u", "y", "th", "y"};

// U+0100-U+017F, one base letter each; '*' marks the two-letter ones (Ĳ ĳ, Œ œ).
constexpr std::string_view latin_extended_a = "aaaaaa"       // Ā ā Ă ă Ą ą
                                              "cccccccc"     // Ć ć Ĉ ĉ Ċ ċ Č č
                                              "dddd"         // Ď ď Đ đ
                                              "eeeeeeeeee"   // Ē ē Ĕ ĕ Ė ė Ę ę Ě ě
                                              "gggggggg"     // Ĝ ĝ Ğ ğ Ġ ġ Ģ ģ
                                              "hhhh"         // Ĥ ĥ Ħ ħ
                                              "iiiiiiiiii"   // Ĩ ĩ Ī ī Ĭ ĭ Į į İ ı
                                              "**"           // Ĳ ĳ
                                              "jj"           // Ĵ ĵ
                                              "kkk"          // Ķ ķ ĸ
                                              "llllllllll"   // Ĺ ĺ Ļ ļ Ľ ľ Ŀ ŀ Ł ł
                                              "nnnnnnnnn"    // Ń ń Ņ ņ Ň ň ŉ Ŋ ŋ
                                              "oooooo"       // Ō ō Ŏ ŏ Ő ő
                                              "**"           // Œ œ
                                              "rrrrrr"       // Ŕ ŕ Ŗ ŗ Ř ř
                                              "ssssssss"     // Ś ś Ŝ ŝ Ş ş Š š
                                              "tttttt"       // Ţ ţ Ť ť Ŧ ŧ
                                              "uuuuuuuuuuuu" // Ũ ũ Ū ū Ŭ ŭ Ů ů Ű ű Ų ų
                                              "ww"           // Ŵ ŵ
                                              "yyy"          // Ŷ ŷ Ÿ
                                              "zzzzzz"       // Ź ź Ż ż Ž ž
                                              "s";           // ſ
static_assert(latin_extended_a.size() == 0x80);

void append_utf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

// Greek: the vowel an accented (tonos, dialytika) lowercase letter carries, else `c`.
char32_t greek_base(char32_t c) {
    switch (c) {
    case 0x3AC:
        return 0x3B1; // ά α
    case 0x3AD:
        return 0x3B5; // έ ε
    case 0x3AE:
        return 0x3B7; // ή η
    case 0x3AF:
    case 0x390:
    case 0x3CA:
        return 0x3B9; // ί ΐ ϊ ι
    case 0x3CC:
        return 0x3BF; // ό ο
    case 0x3CD:
    case 0x3B0:
    case 0x3CB:
        return 0x3C5; // ύ ΰ ϋ υ
    case 0x3CE:
        return 0x3C9; // ώ ω
    case 0x3C2:
        return 0x3C3; // ς σ
    default:
        return c;
    }
}

// The folding of a code point U+0080-U+07FF (two UTF-8 bytes), appended to `out`.
void fold_two_byte(char32_t c, std::string& out) {
    if (c >= 0xC0 && c <= 0xFF) {
        if (const char* base = latin1[c - 0xC0])
            out += base;
        else
            append_utf8(out, c);
        return;
    }
    if (c >= 0x100 && c <= 0x17F) {
        const char base = latin_extended_a[c - 0x100];
        if (base != '*')
            out += base;
        else
            out += c <= 0x133 ? "ij" : "oe";
        return;
    }
    if (c >= 0x218 && c <= 0x21B) { // Ș ș Ț ț (Romanian, comma below)
        out += c <= 0x219 ? 's' : 't';
        return;
    }
    if (c >= 0x300 && c <= 0x36F) // combining accents
        return;
    // Greek capitals (and the accented ones) to lowercase.
    if (c == 0x386)
        c = 0x3AC;
    else if (c >= 0x388 && c <= 0x38A)
        c += 0x25;
    else if (c == 0x38C)
        c = 0x3CC;
    else if (c == 0x38E || c == 0x38F)
        c += 0x3F;
    else if ((c >= 0x391 && c <= 0x3A1) || (c >= 0x3A3 && c <= 0x3AB))
        c += 0x20;
    // Cyrillic capitals to lowercase.
    else if (c >= 0x400 && c <= 0x40F)
        c += 0x50;
    else if (c >= 0x410 && c <= 0x42F)
        c += 0x20;
    else if (((c >= 0x460 && c <= 0x481) || (c >= 0x48A && c <= 0x4BF) ||
              (c >= 0x4D0 && c <= 0x52F)) &&
             c % 2 == 0)
        c += 1;
    else if (c >= 0x4C1 && c <= 0x4CE && c % 2 == 1)
        c += 1;
    else if (c == 0x4C0)
        c = 0x4CF;
    c = greek_base(c);
    if (c == 0x450 || c == 0x451) // ѐ ё as е
        c = 0x435;
    append_utf8(out, c);
}

} // namespace

std::string fold(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte < 0x80) {
            out += static_cast<char>(byte >= 'A' && byte <= 'Z' ? byte + ('a' - 'A') : byte);
            continue;
        }
        // Every letter folded here takes two bytes; longer sequences and stray bytes are kept.
        if (byte >= 0xC2 && byte <= 0xDF && i + 1 < text.size()) {
            const auto next = static_cast<unsigned char>(text[i + 1]);
            if ((next & 0xC0) == 0x80) {
                fold_two_byte(static_cast<char32_t>(((byte & 0x1F) << 6) | (next & 0x3F)), out);
                ++i;
                continue;
            }
        }
        out += static_cast<char>(byte);
    }
    return out;
}

} // namespace needlebook
