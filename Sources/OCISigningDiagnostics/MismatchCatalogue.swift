/// The table of known mismatches, tried in this order by ``MismatchExplainer``. Each group of
/// variants lives in its own extension; adding a mismatch is adding one entry to a group.
public enum MismatchCatalogue {
    /// Every variant, in the order they are tried.
    public static let variants: [MismatchVariant] =
        hostVariants + targetVariants + [methodUppercase] + bodyChanges.map(bodyVariant) + headerVariants + [headersListOmits]
        + [targetOccurrences, dateWindow] + lineVariants

    /// The variants never paired: each already gives hundreds or thousands of candidates
    /// (`header-order` n!, `target-occurrences` 2^n, `date-window` 1,800 per date).
    public static let unpairedIDs: Set<String> = ["header-order", "target-occurrences", "date-window"]
}
