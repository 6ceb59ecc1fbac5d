// SHA-256 and the hex form hashes, keys and signatures are stored in (storage/sha256.cpp).

#include "needlebook/storage/sha256.hpp"

#include <doctest/doctest.h>
#include <vector>

using namespace needlebook;

TEST_CASE("sha256_hex gives the standard digest in lowercase hex") {
    CHECK(storage::sha256_hex("abc") ==
          "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("every byte value goes to hex and back") {
    std::vector<unsigned char> all(256);
    for (int i = 0; i < 256; ++i)
        all[i] = static_cast<unsigned char>(i);
    const auto hex = storage::hex_of(all.data(), all.size());
    CHECK(hex.substr(0, 8) == "00010203");
    CHECK(hex.substr(hex.size() - 4) == "feff");
    CHECK(storage::bytes_of_hex(hex) == all);
    CHECK(storage::bytes_of_hex("").empty());
}

TEST_CASE("text that is not lowercase hex of whole bytes gives no bytes") {
    CHECK(storage::bytes_of_hex("abc").empty()); // half a byte
    CHECK(storage::bytes_of_hex("AB").empty());  // the program writes lowercase only
    CHECK(storage::bytes_of_hex("0g").empty());
    CHECK(storage::bytes_of_hex("  ").empty());
    CHECK(storage::bytes_of_hex("ab") == std::vector<unsigned char>{0xab});
}
