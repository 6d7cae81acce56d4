import Foundation

/// Files only the operator may read (0600, in 0700 directories), written so that a crash at any
/// moment leaves either the old content or the new, never a torn mix: the journals, the audit
/// log and the credential caches.
public enum PrivateFile {
  /// A file operation that failed, naming the file, the step and the system's reason.
  public struct Failure: Error, CustomStringConvertible {
    public let path: String
    public let action: String
    public let code: Int32

    public init(path: String, action: String, code: Int32) {
      self.path = path
      self.action = action
      self.code = code
    }

    public var description: String {
      "could not \(action) \(path): \(String(cString: strerror(code)))"
    }
  }

  /// Replaces the file: a temporary file beside it, written and fsynced, then renamed over it,
  /// and the directory fsynced so the rename itself survives a power cut.
  public static func replace(_ path: String, with data: Data) throws {
    let directory = (path as NSString).deletingLastPathComponent
    try makeDirectory(directory)
    let temporary = path + ".tmp-\(getpid())"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    guard fd >= 0 else { throw Failure(path: temporary, action: "create", code: errno) }
    do {
      try write(data, to: fd, path: temporary)
      guard fsync(fd) == 0 else { throw Failure(path: temporary, action: "sync", code: errno) }
      close(fd)
    } catch {
      close(fd)
      unlink(temporary)
      throw error
    }
    guard rename(temporary, path) == 0 else {
      let code = errno
      unlink(temporary)
      throw Failure(path: path, action: "rename onto", code: code)
    }
    syncDirectory(directory)
  }

  /// Appends one record with a single `write`, so concurrent writers never interleave inside it.
  public static func append(_ path: String, _ data: Data) throws {
    try makeDirectory((path as NSString).deletingLastPathComponent)
    let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
    guard fd >= 0 else { throw Failure(path: path, action: "open", code: errno) }
    defer { close(fd) }
    try write(data, to: fd, path: path)
    guard fsync(fd) == 0 else { throw Failure(path: path, action: "sync", code: errno) }
  }

  /// Creates the directory and its parents, each new one 0700.
  public static func makeDirectory(_ path: String) throws {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
      isDirectory.boolValue
    {
      return
    }
    try makeDirectory((path as NSString).deletingLastPathComponent)
    guard mkdir(path, 0o700) == 0 || errno == EEXIST else {
      throw Failure(path: path, action: "create the directory", code: errno)
    }
  }

  private static func write(_ data: Data, to fd: Int32, path: String) throws {
    try data.withUnsafeBytes { buffer in
      var offset = 0
      while offset < buffer.count {
        let written = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          throw Failure(path: path, action: "write", code: errno)
        }
        offset += written
      }
    }
  }

  private static func syncDirectory(_ path: String) {
    let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard fd >= 0 else { return }
    fsync(fd)
    close(fd)
  }
}
