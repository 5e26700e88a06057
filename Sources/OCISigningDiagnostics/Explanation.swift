import OCISigning

extension MismatchExplainer {
    /// What ``MismatchExplainer/explain(_:body:)`` found.
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
        /// Candidate strings checked in all.
        public let totalCandidates: Int
        /// What the search did not try because of its bounds (``MismatchExplainer/maxSignedHeaders``,
        /// ``MismatchExplainer/maxCandidates``, ``MismatchExplainer/maxCandidateBytes``); nil
        /// when it ran to the end.
        public internal(set) var notTried: String?

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
