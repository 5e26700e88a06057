import OCISigning

extension OCIX509Name {
    /// The tenancy OCID an OCI instance certificate names: the value after `opc-tenant:` in the
    /// first subject attribute that has it, else after `opc-identity:` (the Python SDK's
    /// `get_tenancy_id_from_certificate`), read from the parsed RDNs so multi-valued RDNs and
    /// any attribute order work. `nil` when the subject names none.
    public var ociTenancy: String? { OCIInstanceIdentityMaterial.tenancy(in: self) }
}
