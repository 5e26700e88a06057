import OCISigning
import Testing

/// Building blocks checked against published answers (RFC 4648, FIPS 180-2 examples, `date -u`).
@Suite struct EncodingTests {
    @Test(arguments: [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy")])
    func base64RFC4648(plain: String, encoded: String) {
        #expect(Base64.encode(Array(plain.utf8)) == encoded)
        #expect(Base64.decode(encoded) == Array(plain.utf8))
    }

    @Test(arguments: ["Zg", "Zg=", "Z===", "Zh==", "Zm9v\n", "Zm 9v", "Zm9v====", "=Zm9"])
    func base64RejectsNonCanonical(text: String) { #expect(Base64.decode(text) == nil) }

    @Test func sha256KnownAnswers() {
        #expect(ContentDigest(bytes: Array("abc".utf8)).hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(ContentDigest.empty.base64 == "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=")
        var hasher = SHA256Hasher()
        for chunk in ["abcdbcdecdefdefgefghfghighij", "hijkijkljklmklmnlmnomnopnopq"] { hasher.update(Array(chunk.utf8)) }
        let digest = hasher.finalize()
        #expect(digest.hex == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(digest.length == 56)
    }

    @Test func hasherCopiesForkTheirState() {
        var a = SHA256Hasher()
        a.update(Array("ab".utf8))
        var b = a
        b.update(Array("c".utf8))
        a.update(Array("x".utf8))
        #expect(b.finalize().hex == ContentDigest(bytes: Array("abc".utf8)).hex)
        #expect(a.finalize().hex == ContentDigest(bytes: Array("abx".utf8)).hex)
    }

    // Expected strings from `date -u -d @N '+%a, %d %b %Y %H:%M:%S GMT'` with LC_ALL=C.
    @Test(arguments: [
        (Int64(0), "Thu, 01 Jan 1970 00:00:00 GMT"), (1_388_957_500, "Sun, 05 Jan 2014 21:31:40 GMT"),
        (951_782_400, "Tue, 29 Feb 2000 00:00:00 GMT"), (4_102_444_799, "Thu, 31 Dec 2099 23:59:59 GMT"),
        (-1, "Wed, 31 Dec 1969 23:59:59 GMT"), (1_796_000_000, "Mon, 30 Nov 2026 00:53:20 GMT"),
    ])
    func imfFixdate(seconds: Int64, text: String) throws {
        #expect(HTTPDate(secondsSince1970: seconds).imfFixdate == text)
        #expect(try HTTPDate(imfFixdate: text).secondsSince1970 == seconds)
    }

    @Test func literalWeekdayOfOraclesVectorIsAccepted() throws {
        // 5 Jan 2014 was a Sunday; Oracle's vector says Thu and must still parse.
        let date = try HTTPDate(imfFixdate: "Thu, 05 Jan 2014 21:31:40 GMT")
        #expect(date.secondsSince1970 == 1_388_957_500)
        // ...and is signed as written, not re-derived as "Sun" (research notes §7.4, neg_real_weekday).
        #expect(date.imfFixdate == "Thu, 05 Jan 2014 21:31:40 GMT")
        #expect(date == HTTPDate(secondsSince1970: 1_388_957_500))
    }

    @Test(arguments: ["Thu, 5 Jan 2014 21:31:40 GMT", "Thu, 05 Jan 2014 21:31:40 UTC", "Thursday, 05 Jan 2014 21:31:40 GMT",
                      "Thu, 31 Feb 2014 21:31:40 GMT", "Thu, 05 Jnu 2014 21:31:40 GMT", "Thu, 05 Jan 2014 25:31:40 GMT", ""])
    func rejectsMalformedDates(text: String) {
        #expect(throws: OCISigningError.self) { _ = try HTTPDate(imfFixdate: text) }
    }
}
