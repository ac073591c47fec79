import NIOConcurrencyHelpers
import NIOCore

/// Counters and recordings shared by every connection of one fault server. A lock rather than an
/// actor because NIO handlers run synchronously on event loops and must not suspend.
final class FaultServerState: Sendable {
    /// Bounds memory when a benchmark sends many requests; the counters keep counting past it.
    static let maximumRecordedRequests = 10_000

    struct Counters {
        var requests = 0
        var chatRequests = 0
        var inFlight = 0
        var peakInFlight = 0
        var attemptsByPrompt: [String: Int] = [:]
        var recorded: [ReceivedRequest] = []
    }

    let latency: TimeAmount
    /// Chat answers still allowed; nil means no limit. Requests past the limit wait unanswered.
    let answerBudget = NIOLockedValueBox<Int?>(nil)
    let counters = NIOLockedValueBox(Counters())
    let openChannels = NIOLockedValueBox([ObjectIdentifier: any Channel]())

    init(latency: TimeAmount) {
        self.latency = latency
    }

    func record(_ request: ReceivedRequest) {
        counters.withLockedValue {
            $0.requests += 1
            if $0.recorded.count < Self.maximumRecordedRequests { $0.recorded.append(request) }
        }
    }

    /// Counts a chat attempt for this prompt and returns its 1-based attempt number.
    func beginChat(prompt: String) -> Int {
        counters.withLockedValue {
            $0.chatRequests += 1
            $0.inFlight += 1
            $0.peakInFlight = max($0.peakInFlight, $0.inFlight)
            let attempt = ($0.attemptsByPrompt[prompt] ?? 0) + 1
            $0.attemptsByPrompt[prompt] = attempt
            return attempt
        }
    }

    /// Takes one answer from the budget; false means the request must wait.
    func takeAnswer() -> Bool {
        answerBudget.withLockedValue { budget in
            guard let left = budget else { return true }
            guard left > 0 else { return false }
            budget = left - 1
            return true
        }
    }

    func endChat() {
        counters.withLockedValue { $0.inFlight -= 1 }
    }
}
