import Foundation
import OCIPrincipals
import OCISigning

/// The URL `oci-sign request` sends to: a full `http(s)://` URL as given, or a path joined to a
/// service endpoint from the region table (`--service iaas --region us-ashburn-1 /20160918/instances`).
enum RequestEndpoint {
    static func url(_ argument: String, service: String?, region: String?, environment: [String: String]) throws(OCISigningError) -> URL {
        let lower = argument.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") {
            guard service == nil else {
                throw .usage("--service joins a PATH to a region's endpoint; '\(argument)' is already a full URL: drop --service")
            }
            return try parsed(argument)
        }
        guard argument.hasPrefix("/") else {
            throw .usage("'\(argument)' is neither a URL (https://…) nor a PATH starting with '/'")
        }
        guard let service, let region else {
            throw .usage("a PATH needs --service SERVICE and --region REGION (e.g. --service iaas --region us-ashburn-1), or give the full URL")
        }
        guard !service.isEmpty, service.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." }) else {
            throw .usage("--service '\(service)' is not a service name such as iaas, objectstorage or identity")
        }
        let endpoint = OCIRegionResolver(environment: environment).resolveOffline(region).endpoint(service: service)
        return try parsed(endpoint + argument)
    }

    /// A URL parsed as written (Foundation percent-encodes what it must at this point, before
    /// anything is signed).
    private static func parsed(_ text: String) throws(OCISigningError) -> URL {
        guard let url = URL(string: text) else {
            throw .usage("'\(text)' is not a URL that can be sent")
        }
        return url
    }
}
