import Foundation
import Logging

/// A debug-level logger writing to standard error (for `--verbose`).
enum Log {
    static func stderr() -> Logger {
        var logger = Logger(label: "generative-ai-chat") { label in StreamLogHandler.standardError(label: label) }
        logger.logLevel = .debug
        return logger
    }
}
