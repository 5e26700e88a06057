import HTTPTypes
import OCISigning
import Testing

/// One error scheme: `OCISigningError` compares and hashes by code, `VerificationFailure` has a
/// typed code whose raw values are the names the CLI's JSON has always written.
@Suite struct ErrorSchemeTests {
    @Test func errorsWithTheSameCodeAreEqualWhateverTheirDetails() {
        let one = OCISigningError(.missingHost, "the request has no Host header", header: "host", line: 3, path: "a.http")
        let other = OCISigningError(.missingHost, "something else entirely")
        #expect(one == other)
        #expect(one.hashValue == other.hashValue)
        #expect(Set([one, other]).count == 1)
        #expect(one != OCISigningError(.invalidTarget, "the request has no Host header", header: "host", line: 3, path: "a.http"))
    }

    @Test func codesFromEveryPartOfTheEngineAreDistinct() {
        let codes: [OCISigningError.Code] = [
            .malformedRequest, .unsupportedMethod, .invalidTarget, .invalidHeaderValue, .missingHost,
            .duplicateSignedHeader, .nonASCIISignedValue, .bodyHashMismatch, .contentLengthMismatch, .bodyChanged,
            .keyTooSmall, .weakKey, .unsupportedKeyType, .invalidKey, .missingPassphrase, .wrongPassphrase,
            .notAPrivateKey, .fileUnreadable, .invalidDate, .cryptoFailure, .unsupportedURL, .unhashableBody,
            .malformedAuthorization, .unsupportedAlgorithm, .identityExpired, .identityUnavailable,
        ]
        #expect(Set(codes).count == codes.count)
        #expect(Set(codes.map(\.rawValue)).count == codes.count)
    }

    /// The raw values are the CLI's JSON `reason` strings (Docs/cli.md): they must not change.
    @Test func verificationCodesKeepTheirNames() {
        let expected: [(VerificationFailure.Reason, String)] = [
            (.missingAuthorization, "missingAuthorization"), (.duplicateAuthorization, "duplicateAuthorization"),
            (.malformedAuthorization(.emptyHeaderList), "malformedAuthorization"), (.unsupportedMethod("TRACE"), "unsupportedMethod"),
            (.missingSignedHeader("host"), "missingSignedHeader"), (.missingHeader("host"), "missingHeader"),
            (.duplicateHeader("host"), "duplicateHeader"), (.invalidHeaderValue("host"), "invalidHeaderValue"),
            (.bodyHashMismatch(declared: "a", actual: "b"), "bodyHashMismatch"),
            (.contentLengthMismatch(declared: "1", actual: 2), "contentLengthMismatch"),
            (.invalidDate(header: "date", value: "x"), "invalidDate"), (.dateOutsideWindow(skew: 999, maxSkew: 300), "dateOutsideWindow"),
            (.unknownKey(keyID: "k"), "unknownKey"), (.unreadableBody(OCISigningError(.fileUnreadable, "gone")), "unreadableBody"),
            (.badSignature, "badSignature"),
        ]
        for (reason, name) in expected {
            let failure = VerificationFailure(reason)
            #expect(failure.code.rawValue == name)
            #expect(failure.code == VerificationFailure.Code(rawValue: name))
            #expect("\(failure.code)" == name)
        }
        #expect(VerificationFailure(.badSignature).code == .badSignature)
        #expect(VerificationFailure(.badSignature).code != .unknownKey)
    }

    @Test func aFailureCarriesTheRebuiltSignatureBase() {
        let base = SignatureBase([SignedComponent("date", value: "Thu, 05 Jan 2014 21:31:40 GMT"), SignedComponent("host", value: "h")])
        let failure = VerificationFailure(.badSignature, signatureBase: base)
        #expect(failure.signingString == "date: Thu, 05 Jan 2014 21:31:40 GMT\nhost: h")
        #expect(failure.components == base.components)
        #expect(VerificationFailure(.badSignature, components: base.components) == failure)
        #expect(VerificationFailure(.missingAuthorization).signingString == nil)
    }
}

/// The `Authorization` parser switches from a linear scan to a set for long lists: both paths
/// must find the repetition.
@Suite struct LongAuthorizationTests {
    static func header(names: [String], extraParameters: [String] = []) -> String {
        var items = [#"version="1""#, #"headers="\#(names.joined(separator: " "))""#, #"keyId="k""#, #"algorithm="rsa-sha256""#, #"signature="AAAA""#]
        items += extraParameters
        return "Signature " + items.joined(separator: ",")
    }

    @Test(arguments: [3, 15, 16, 17, 40])
    func aRepeatedHeaderNameIsFoundInAnyListLength(count: Int) {
        let names = (0..<count).map { "x-h\($0)" }
        #expect(throws: SignatureAuthorization.ParseError.duplicateSignedHeaderName("x-h1")) {
            try SignatureAuthorization(parsing: Self.header(names: names + ["X-H1"]))
        }
        #expect((try? SignatureAuthorization(parsing: Self.header(names: names)))?.signedHeaders == names)
    }

    @Test(arguments: [1, 15, 16, 30])
    func aRepeatedParameterIsFoundInAnyListLength(extra: Int) {
        let parameters = (0..<extra).map { #"p\#($0)="v""# }
        #expect(throws: SignatureAuthorization.ParseError.duplicateParameter("P0")) {
            try SignatureAuthorization(parsing: Self.header(names: ["date"], extraParameters: parameters + [#"P0="w""#]))
        }
        #expect((try? SignatureAuthorization(parsing: Self.header(names: ["date"], extraParameters: parameters)))?.parameterOrder.count == 5 + extra)
    }

    @Test func mixedCaseAndRunsOfSpacesInHeadersAreNormalised() throws {
        let parsed = try SignatureAuthorization(parsing: Self.header(names: ["Date  (Request-Target)", " HOST "]))
        #expect(parsed.signedHeaders == ["date", "(request-target)", "host"])
    }

    @Test func signaturesOfEveryPaddingLengthDecode() throws {
        // Known answers from RFC 4648 §10.
        for (text, bytes) in [("Zg==", "f"), ("Zm8=", "fo"), ("Zm9v", "foo"), ("Zm9vYg==", "foob"), ("Zm9vYmE=", "fooba"), ("Zm9vYmFy", "foobar")] {
            #expect(Base64.decode(text) == Array(bytes.utf8))
        }
        for bad in ["Zg=", "Z===", "Zh==", "Zm9=", "Zm9v!mFy", "Zm=vYmFy", "=m9vYmFy"] { #expect(Base64.decode(bad) == nil, "\(bad)") }
    }
}

/// Quoting untrusted text back: clipped, and control bytes never passed through raw.
@Suite struct DisplayTextTests {
    @Test func clippedKeepsShortValuesAndCutsLongOnes() {
        #expect(OCIDisplayText.clipped("short") == "short")
        let long = String(repeating: "a", count: 81)
        #expect(OCIDisplayText.clipped(long) == String(repeating: "a", count: 80) + "…")
        #expect(OCIDisplayText.clipped(String(repeating: "b", count: 80)) == String(repeating: "b", count: 80))
    }

    @Test func visibleShowsControlBytesAsHex() {
        #expect(OCIDisplayText.visible(Array("a\r\nb\u{7F}".utf8)) == #"a\x0D\x0Ab\x7F"#)
        #expect(OCIDisplayText.visible([UInt8](repeating: 0x41, count: 201)) == String(repeating: "A", count: 200) + "…")
    }

    @Test func visibleIsUnambiguous() {
        // A NUL then `A` must not read as LF; a literal backslash-x must not read as an escape.
        #expect(OCIDisplayText.visible([0x00, 0x41]) == #"\x00A"#)
        #expect(OCIDisplayText.visible([0x0A]) == #"\x0A"#)
        #expect(OCIDisplayText.visible(Array(#"\x41"#.utf8)) == #"\x5Cx41"#)
        #expect(OCIDisplayText.visible([0x1B, 0x07]) == #"\x1B\x07"#)
    }

    @Test func escapedHidesNothing() {
        #expect(OCIDisplayText.escaped(Array("a\tb\\c\r\n".utf8) + [0x00, 0xE9]) == #"a\tb\\c\r\n\x00\xE9"#)
    }
}
