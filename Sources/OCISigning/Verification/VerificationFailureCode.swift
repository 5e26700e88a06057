extension VerificationFailure {
    /// A stable, matchable name for the kind of failure (`badSignature`, `dateOutsideWindow`, …).
    ///
    /// One code per ``VerificationFailure/Reason`` case, without the case's details: what exit
    /// messages, the CLI's JSON (`"reason"`) and tests compare. The raw value is the case name.
    public struct Code: Hashable, Sendable, RawRepresentable, CustomStringConvertible, ExpressibleByStringLiteral {
        /// The case name, as written in JSON output.
        public let rawValue: String
        /// A code with this name.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// A code written as a literal, e.g. `failure.code == "badSignature"`.
        public init(stringLiteral value: String) { self.rawValue = value }
        /// The ``rawValue``.
        public var description: String { rawValue }

        /// ``Reason/tooManyHeaders(_:)``.
        public static let tooManyHeaders = Code(rawValue: "tooManyHeaders")
        /// ``Reason/missingAuthorization``.
        public static let missingAuthorization = Code(rawValue: "missingAuthorization")
        /// ``Reason/duplicateAuthorization``.
        public static let duplicateAuthorization = Code(rawValue: "duplicateAuthorization")
        /// ``Reason/malformedAuthorization(_:)``.
        public static let malformedAuthorization = Code(rawValue: "malformedAuthorization")
        /// ``Reason/unsupportedMethod(_:)``.
        public static let unsupportedMethod = Code(rawValue: "unsupportedMethod")
        /// ``Reason/missingSignedHeader(_:)``.
        public static let missingSignedHeader = Code(rawValue: "missingSignedHeader")
        /// ``Reason/missingHeader(_:)``.
        public static let missingHeader = Code(rawValue: "missingHeader")
        /// ``Reason/duplicateHeader(_:)``.
        public static let duplicateHeader = Code(rawValue: "duplicateHeader")
        /// ``Reason/invalidHeaderValue(_:)``.
        public static let invalidHeaderValue = Code(rawValue: "invalidHeaderValue")
        /// ``Reason/bodyHashMismatch(declared:actual:)``.
        public static let bodyHashMismatch = Code(rawValue: "bodyHashMismatch")
        /// ``Reason/contentLengthMismatch(declared:actual:)``.
        public static let contentLengthMismatch = Code(rawValue: "contentLengthMismatch")
        /// ``Reason/invalidTarget(_:)``.
        public static let invalidTarget = Code(rawValue: "invalidTarget")
        /// ``Reason/invalidDate(header:value:)``.
        public static let invalidDate = Code(rawValue: "invalidDate")
        /// ``Reason/dateOutsideWindow(skew:maxSkew:)``.
        public static let dateOutsideWindow = Code(rawValue: "dateOutsideWindow")
        /// ``Reason/fingerprintMismatch(keyIDFingerprint:keyFingerprint:)``.
        public static let fingerprintMismatch = Code(rawValue: "fingerprintMismatch")
        /// ``Reason/weakKey(bits:minimumBits:)``.
        public static let weakKey = Code(rawValue: "weakKey")
        /// ``Reason/unknownKey(keyID:)``.
        public static let unknownKey = Code(rawValue: "unknownKey")
        /// ``Reason/unreadableBody(_:)``.
        public static let unreadableBody = Code(rawValue: "unreadableBody")
        /// ``Reason/badSignature``.
        public static let badSignature = Code(rawValue: "badSignature")
    }
}
