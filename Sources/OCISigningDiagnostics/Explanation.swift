import OCISigning

extension MismatchExplainer {
    /// What ``MismatchExplainer/explain(_:body:connectionHosts:)`` found.
    public struct Explanation: Sendable {
        /// The variant(s) and the candidate the signature matches.
        public struct Match: Sendable {
            /// One variant, or two applied in this order.
            public let variants: [MismatchVariant]
            /// The signing string that verifies.
            public let candidate: SignatureCandidate
        }

        /// One variant tried and how many new candidate strings it gave.
        public struct Checked: Sendable, Hashable {
            /// The variant's id.
            public let id: String
            /// The variant's title.
            public let title: String
            /// Candidates checked (duplicates of earlier ones are not counted).
            public let candidates: Int
            /// What the variant tried on this request when that is not every candidate it
            /// can derive (which ports, how many subsets), or why it did not apply.
            public var scope: String? = nil
        }

        /// The keyId names an API key by its fingerprint, and the key given has another.
        public struct FingerprintMismatch: Sendable, Hashable {
            /// The fingerprint in the keyId (lowercase).
            public let keyIDFingerprint: String
            /// The fingerprint of the key given.
            public let keyFingerprint: String
        }

        /// The plain verification result.
        public let verification: VerificationResult
        /// The signing string rebuilt from the received request (nil when it cannot be rebuilt).
        public let received: SignatureCandidate?
        /// Whether the signature verifies against the received request's signing string.
        public let signatureMatchesReceived: Bool
        /// The variant(s) and candidate that the signature matches.
        public let match: Match?
        /// When the signature is fine but the body does not match its headers: the body change
        /// that explains it.
        public let bodyChange: BodyChange?
        /// Every variant tried, with the number of candidate strings checked.
        public let checked: [Checked]
        /// Pairs of variants tried.
        public let pairsChecked: Int
        /// Candidate strings checked in all, the port scan's aside (``portsScanned``).
        public let totalCandidates: Int
        /// What the search did not try because of its bounds (``MismatchExplainer/maxSignedHeaders``,
        /// ``MismatchExplainer/maxCandidates``, ``MismatchExplainer/maxCandidateBytes``); nil
        /// when it ran to the end.
        public internal(set) var notTried: String?
        /// The keyId's fingerprint is not the key's: reported before anything else, since OCI
        /// looks the key up by keyId.
        public internal(set) var fingerprintMismatch: FingerprintMismatch?
        /// The exclude-body operation (`OCIExcludeBodyOperation` of OCISigning) the request
        /// is, when it was verified as a body operation and failed on the body headers.
        public internal(set) var excludeBodyOperation: String?
        /// Ports tried by the last-resort scan of the host's port (0 when it did not run), each
        /// one candidate string; bounded by 65,535, apart from ``MismatchExplainer/maxCandidates``.
        public internal(set) var portsScanned = 0
        /// When nothing matched: the changes the search did not try, in words.
        public internal(set) var untried: [String] = []

        init(verification: VerificationResult, received: SignatureCandidate? = nil, signatureMatchesReceived: Bool = false,
             match: Match? = nil, bodyChange: BodyChange? = nil, checked: [Checked] = [], pairsChecked: Int = 0, totalCandidates: Int = 0) {
            self.verification = verification
            self.received = received
            self.signatureMatchesReceived = signatureMatchesReceived
            self.match = match
            self.bodyChange = bodyChange
            self.checked = checked
            self.pairsChecked = pairsChecked
            self.totalCandidates = totalCandidates
        }
    }
}
