/// The table of known mismatches, tried in this order by ``MismatchExplainer``. Each group of
/// variants lives in its own extension; adding a mismatch is adding one entry to a group.
public enum MismatchCatalogue {
    /// Every variant, in the order they are tried.
    public static let variants: [MismatchVariant] =
        hostVariants + targetVariants + [methodUppercase] + bodyChanges.map(bodyVariant) + headerVariants + lineVariants

    /// The variants applied last and never paired (`header-order` multiplies the work by n!).
    public static let unpairedIDs: Set<String> = ["header-order"]
}
