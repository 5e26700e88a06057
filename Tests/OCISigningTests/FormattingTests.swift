import OCISigning
import Testing

/// The hand-written formatters on the signing hot path, against values from outside our code.
@Suite struct FormattingTests {
    /// Expected texts from GNU coreutils: `date -u -d @SECONDS "+%a, %d %b %Y %H:%M:%S GMT"`.
    @Test("IMF-fixdate matches GNU date", arguments: [
        (Int64(1_388_957_500), "Sun, 05 Jan 2014 21:31:40 GMT"),
        (Int64(0), "Thu, 01 Jan 1970 00:00:00 GMT"),
        (Int64(951_782_400), "Tue, 29 Feb 2000 00:00:00 GMT"),
        (Int64(4_102_444_799), "Thu, 31 Dec 2099 23:59:59 GMT"),
        (Int64(1_709_251_199), "Thu, 29 Feb 2024 23:59:59 GMT"),
    ])
    func imfFixdate(seconds: Int64, expected: String) {
        #expect(HTTPDate(secondsSince1970: seconds).imfFixdate == expected)
    }

    /// RFC 4648 §10 test vectors.
    @Test("base64 matches RFC 4648", arguments: [
        ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="),
        ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy"),
    ])
    func base64(input: String, expected: String) {
        #expect(Base64.encode(Array(input.utf8)) == expected)
        #expect(Base64.encode(input.utf8) == expected)  // a non-array collection takes the copying path
    }
}
