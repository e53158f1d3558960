/// The columns of the chunks read so far, joined as pass 1 finishes each batch of chunks (a
/// window of a file, or all the chunks of bytes in memory).
///
/// Each chunk's column pieces are copied onto the end of their column and freed as soon as
/// their batch is scanned, instead of all staying alive until the last chunk is read and then
/// being copied once more: a file's columns are then held about once, not twice, at the end of
/// the read, and each column's storage is reserved once, for the rows the first records
/// predict.
///
/// A column stays joined while every chunk's piece of it holds all its cells as the guessed
/// kind. Once a chunk's piece is spoiled (a cell that is not a value of the guessed kind), the
/// column is dropped here; pass 2 then reads it again from every chunk.
struct CSVColumnJoin: Sendable {
  /// One column's join, written by one job at a time.
  private final class Slot: @unchecked Sendable {
    /// The cells of the chunks absorbed so far, or `nil` before the first.
    var joined: CSVColumnBuilder?
    /// Whether a chunk's piece was spoiled (the join is then dropped).
    var spoiled = false
    /// The error of a join that failed (too many levels), reported after the chunks' own errors.
    var failure: CSVError?
  }

  private let slots: [Slot]
  private let selected: [Bool]
  private let expectedRows: Int

  /// An empty join.
  ///
  /// - Parameters:
  ///   - selected: Whether each column is read.
  ///   - expectedRows: The rows the whole input is expected to hold, to reserve storage.
  init(selected: [Bool], expectedRows: Int) {
    self.slots = selected.map { _ in Slot() }
    self.selected = selected
    self.expectedRows = expectedRows
  }

  /// Moves the column pieces of the next chunks (in file order) onto their columns, emptying
  /// the scans' builders, one column per job.
  ///
  /// - Complexity: O(cells of the chunks), spread over the cores.
  func absorb(_ scans: inout [CSVChunkScan]) {
    let width = selected.count
    var pieces = [[CSVColumnBuilder]](repeating: [], count: width)
    for k in scans.indices {
      for j in 0..<width where selected[j] && scans[k].builders.count == width {
        if scans[k].spoiled[j] { slots[j].spoiled = true }
        if !slots[j].spoiled { pieces[j].append(scans[k].builders[j]) }
      }
      scans[k].builders = []
    }
    let work = pieces
    pieces = []
    let slots = self.slots, expectedRows = self.expectedRows
    _ = ParallelMap.values(width) { j in
      let slot = slots[j]
      guard !slot.spoiled, slot.failure == nil else {
        slot.joined = nil
        return true
      }
      var pieces = work[j][...]
      guard !pieces.isEmpty else { return true }
      // The slot lets go of its column while the pieces are appended, so that it is appended
      // to in place.
      var joined: CSVColumnBuilder
      if let earlier = slot.joined {
        joined = earlier
      } else {
        joined = pieces.removeFirst()
        joined.reserveCapacity(expectedRows)
      }
      slot.joined = nil
      do throws(CSVError) {
        for piece in pieces { try joined.absorb(piece) }
      } catch {
        slot.failure = error
        return false
      }
      slot.joined = joined
      return true
    }
  }

  /// Column `j` joined over every chunk absorbed, as its guessed kind, or `nil` when a chunk's
  /// piece of it was spoiled (or none was absorbed); the join then lets go of it.
  ///
  /// - Throws: The error of a join that failed.
  func take(_ j: Int) throws(CSVError) -> CSVColumnBuilder? {
    if let failure = slots[j].failure { throw failure }
    defer { slots[j].joined = nil }
    return slots[j].spoiled ? nil : slots[j].joined
  }
}
