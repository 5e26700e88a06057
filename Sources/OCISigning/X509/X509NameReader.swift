internal import CLibCrypto

/// Reads an `X509_NAME` into ``OCIX509Name``, grouping entries by their RDN set index.
enum X509NameReader {
    /// The name's RDNs; entries are borrowed from `name`, which the certificate owns.
    static func read(_ name: OpaquePointer) throws(OCISigningError) -> OCIX509Name {
        var groups: [[OCIX509Name.Attribute]] = []
        var lastSet: Int32 = -1
        let count = X509_NAME_entry_count(name)
        for index in 0..<count {
            guard let entry = X509_NAME_get_entry(name, index) else { continue }
            let set = X509_NAME_ENTRY_set(entry)
            let attribute = try attribute(of: entry)
            if set == lastSet, !groups.isEmpty {
                groups[groups.count - 1].append(attribute)
            } else {
                groups.append([attribute])
                lastSet = set
            }
        }
        return OCIX509Name(relativeNames: groups)
    }

    private static func attribute(of entry: OpaquePointer) throws(OCISigningError) -> OCIX509Name.Attribute {
        let object = X509_NAME_ENTRY_get_object(entry)
        var buffer = [CChar](repeating: 0, count: 128)
        let length = OBJ_obj2txt(&buffer, Int32(buffer.count), object, 1)
        let oid = length > 0 ? String(decoding: buffer.prefix(Int(min(length, 127))).map { UInt8(bitPattern: $0) }, as: UTF8.self) : "?"
        let nid = OBJ_obj2nid(object)
        let shortName = nid != NID_undef ? OBJ_nid2sn(nid).map { String(cString: $0) } ?? oid : oid
        guard let data = X509_NAME_ENTRY_get_data(entry) else {
            throw OCISigningError(.invalidCertificate, "the subject attribute \(shortName) has no value")
        }
        var utf8: UnsafeMutablePointer<UInt8>?
        let size = ASN1_STRING_to_UTF8(&utf8, data)
        guard size >= 0, let utf8 else {
            _ = LibCryptoErrors.drain()
            throw OCISigningError(.invalidCertificate, "the subject attribute \(shortName) cannot be decoded as text")
        }
        defer { CRYPTO_free(utf8, #fileID, #line) }
        let value = String(decoding: UnsafeBufferPointer(start: utf8, count: Int(size)), as: UTF8.self)
        return OCIX509Name.Attribute(oid: oid, shortName: shortName, value: value)
    }
}
