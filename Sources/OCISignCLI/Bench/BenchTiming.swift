import Foundation

/// Interleaved timing of two workloads, so a noisy machine affects both alike.
///
/// The machine this runs on is shared and its speed drifts by 10–20 % over seconds. Timing the
/// raw baseline and our code one after the other would fold that drift into the ratio. Instead
/// both run in alternating short slices (about 25 ms each) for the whole budget and each side's
/// operations and time are summed: the ratio of the two rates is then stable even when the
/// absolute rates are not. Single-thread workloads are timed with the thread's CPU clock
/// (user + system time), so time spent descheduled by other processes counts for neither side;
/// multi-thread workloads need the wall clock.
enum BenchTiming {
    /// Which clock a comparison uses.
    enum Clock {
        /// `CLOCK_THREAD_CPUTIME_ID`: this thread's CPU time, immune to being descheduled.
        case threadCPU
        /// `CLOCK_MONOTONIC`: elapsed time, for workloads that run on several threads.
        case wall
        /// `CLOCK_PROCESS_CPUTIME_ID`: CPU time of every thread of the process.
        case processCPU
    }

    /// The measured rates of one comparison.
    struct Pair {
        /// Operations per second of the workload under test.
        var rate: Double
        /// Operations per second of the baseline.
        var baselineRate: Double
        /// The median over adjacent slice pairs of (work rate / baseline rate): robust to the
        /// odd slice that a context switch or another process's cache traffic slowed down.
        var ratio: Double
        /// Process CPU seconds per operation of the workload and of the baseline (all threads):
        /// what a pipelined workload costs in CPU, beside what it saves in elapsed time.
        var cpuPerOperation: Double = 0
        var baselineCPUPerOperation: Double = 0
        /// The calling thread's CPU seconds per operation, workload and baseline: for a workload
        /// that hands work to a helper thread, what the caller itself spends (the elapsed time
        /// it would take with a free core for the helper).
        var callerCPUPerOperation: Double = 0
        var baselineCallerCPUPerOperation: Double = 0
    }

    /// A workload: performs about `count` operations and returns how many it did.
    typealias Workload = @Sendable (_ count: Int) -> Int

    /// Runs `work` and `baseline` alternately for about `seconds` in total.
    static func interleaved(seconds: Double, clock: Clock = .threadCPU, work: Workload, baseline: Workload) -> Pair {
        let slice = 0.025
        let time = { (body: () -> Void) in Self.time(clock, body) }
        let workBatch = calibrate(work, slice: slice, clock: clock)
        let baselineBatch = calibrate(baseline, slice: slice, clock: clock)
        var workTime = 0.0, baselineTime = 0.0, workCPU = 0.0, baselineCPU = 0.0
        var workCaller = 0.0, baselineCaller = 0.0
        var workOps = 0, baselineOps = 0
        var pairRatios: [Double] = []
        // At least one slice of each, even for a tiny budget.
        repeat {
            var baselineDone = 0, workDone = 0
            var baselineSlice = 0.0, workSlice = 0.0
            baselineCaller += Self.time(.threadCPU) {
                baselineCPU += Self.time(.processCPU) { baselineSlice = time { baselineDone = baseline(baselineBatch) } }
            }
            workCaller += Self.time(.threadCPU) {
                workCPU += Self.time(.processCPU) { workSlice = time { workDone = work(workBatch) } }
            }
            baselineTime += baselineSlice
            baselineOps += baselineDone
            workTime += workSlice
            workOps += workDone
            pairRatios.append((Double(workDone) / workSlice) / (Double(baselineDone) / baselineSlice))
        } while workTime + baselineTime < seconds
        pairRatios.sort()
        let median = pairRatios.count % 2 == 1 ? pairRatios[pairRatios.count / 2]
            : (pairRatios[pairRatios.count / 2 - 1] + pairRatios[pairRatios.count / 2]) / 2
        return Pair(rate: Double(workOps) / workTime, baselineRate: Double(baselineOps) / baselineTime, ratio: median,
                    cpuPerOperation: workCPU / Double(workOps), baselineCPUPerOperation: baselineCPU / Double(baselineOps),
                    callerCPUPerOperation: workCaller / Double(workOps),
                    baselineCallerCPUPerOperation: baselineCaller / Double(baselineOps))
    }

    /// A batch size that takes about `slice` seconds (at least 1); also warms caches up.
    static func calibrate(_ work: Workload, slice: Double, clock: Clock) -> Int {
        var count = 1
        while true {
            var done = 0
            let elapsed = time(clock) { done = work(count) }
            if elapsed >= slice / 4 || count >= 1 << 24 {
                return max(1, Int(Double(done) * slice / max(elapsed, 1e-9)))
            }
            count *= 4
        }
    }

    /// Seconds `body` takes on `clock`.
    static func time(_ clock: Clock, _ body: () -> Void) -> Double {
        let id = switch clock {
        case .wall: CLOCK_MONOTONIC
        case .threadCPU: CLOCK_THREAD_CPUTIME_ID
        case .processCPU: CLOCK_PROCESS_CPUTIME_ID
        }
        var start = timespec(), end = timespec()
        clock_gettime(id, &start)
        body()
        clock_gettime(id, &end)
        return Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
    }

    /// Scaling of `work` from one thread to two threads, alternating slices.
    struct Scaling {
        /// Operations per second with two threads (wall clock).
        var twoThreadRate: Double
        /// Operations per second with one thread (wall clock).
        var oneThreadRate: Double
        /// 2 × (CPU time per operation with one thread) / (CPU time per operation with two):
        /// the scaling two idle cores would give. 2.0 means sharing costs nothing per operation
        /// (no lock spinning, no cache-line ping-pong); it is immune to other processes' load,
        /// which only lowers the wall-clock figure.
        var cpuScaling: Double
    }

    /// Measures `work` on one thread, then on two threads at once, alternately for `seconds`.
    static func scaling(seconds: Double, work: @escaping Workload) -> Scaling {
        let batch = calibrate(work, slice: 0.025, clock: .threadCPU)
        var wall1 = 0.0, wall2 = 0.0, cpu1 = 0.0, ops1 = 0
        let two = ThreadTotals()
        repeat {
            var done = 0
            wall1 += time(.wall) { cpu1 += time(.threadCPU) { done = work(batch) } }
            ops1 += done
            wall2 += time(.wall) {
                concurrently(2) { _ in
                    var done = 0
                    let cpu = time(.threadCPU) { done = work(batch) }
                    two.add(cpu: cpu, ops: done)
                }
            }
        } while wall1 + wall2 < seconds
        let (cpu2, ops2) = two.totals
        return Scaling(twoThreadRate: Double(ops2) / wall2, oneThreadRate: Double(ops1) / wall1,
                       cpuScaling: 2 * (cpu1 / Double(ops1)) / (cpu2 / Double(ops2)))
    }

    /// CPU seconds and operations summed over threads.
    final class ThreadTotals: @unchecked Sendable {
        private let lock = NSLock()
        private var cpu = 0.0, ops = 0
        func add(cpu: Double, ops: Int) { lock.withLock { self.cpu += cpu; self.ops += ops } }
        var totals: (Double, Int) { lock.withLock { (cpu, ops) } }
    }

    /// Runs `body(index)` on `width` threads at once and waits for all of them.
    static func concurrently(_ width: Int, _ body: @Sendable (Int) -> Void) {
        DispatchQueue.concurrentPerform(iterations: width, execute: body)
    }
}

/// Peak resident memory of this process, from Linux's `/proc/self/status`.
enum ResidentMemory {
    /// `VmHWM` (peak resident set) in bytes, or nil where not available.
    static func peakBytes() -> Int? { field("VmHWM:") }
    /// `VmRSS` (current resident set) in bytes.
    static func currentBytes() -> Int? { field("VmRSS:") }

    /// Resets the kernel's peak-RSS mark to the current RSS (`echo 5 > /proc/self/clear_refs`),
    /// so a following `peakBytes()` shows the peak of what ran in between. Returns false when
    /// the kernel does not allow it.
    @discardableResult
    static func resetPeak() -> Bool {
        guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
        defer { try? handle.close() }
        return (try? handle.write(contentsOf: Data("5".utf8))) != nil
    }

    private static func field(_ name: String) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(name) {
            let digits = line.dropFirst(name.count).filter(\.isNumber)
            return Int(digits).map { $0 * 1024 }
        }
        return nil
    }
}
