package dev.berth.grpc;

import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * The file-system side of serving on a Unix socket, as upstream's {@code bind_private}: the socket
 * lives in a directory only this user can enter, so file permissions, not the network, decide who
 * may connect. Peers are checked again per connection ({@link PeerCredentialsFilter}).
 */
final class SocketPath {

  /** {@code S_IFMT} and {@code S_IFSOCK} from {@code sys/stat.h}. */
  private static final int FILE_TYPE_MASK = 0170000;

  private static final int SOCKET_TYPE = 0140000;

  private final Path socket;
  private final int uid;

  /**
   * @param socket where the socket goes
   * @param uid the user that must own the directory and the socket (this process's)
   */
  SocketPath(Path socket, int uid) {
    this.socket = socket.toAbsolutePath();
    this.uid = uid;
  }

  Path path() {
    return socket;
  }

  /**
   * Makes the path ready to bind: the parent exists, is a real directory owned by us with mode
   * 0700, and nothing but a stale socket of ours is at the path (that one is removed).
   *
   * @throws StartupException with a sentence naming the path and the fix
   */
  void prepare() throws StartupException {
    Path parent = socket.getParent();
    try {
      if (!Files.exists(parent, LinkOption.NOFOLLOW_LINKS)) {
        Files.createDirectories(parent);
      }
      if (Files.isSymbolicLink(parent)) {
        throw new StartupException(
            "driver socket parent '" + parent + "' must be a directory, not a symlink");
      }
      if (!Files.isDirectory(parent, LinkOption.NOFOLLOW_LINKS)) {
        throw new StartupException(
            "driver socket parent '" + parent + "' must be a directory, but it is a file");
      }
      int owner = (Integer) Files.getAttribute(parent, "unix:uid", LinkOption.NOFOLLOW_LINKS);
      if (owner != uid) {
        throw new StartupException(
            "driver socket parent '"
                + parent
                + "' is owned by uid "
                + owner
                + ", expected "
                + uid
                + " (the driver's user); use a directory this user owns");
      }
      Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwx------"));
    } catch (IOException e) {
      throw new StartupException(
          "cannot prepare driver socket directory '" + parent + "': " + reason(e), e);
    }
    removeLeftover();
  }

  private void removeLeftover() throws StartupException {
    if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (!isOwnSocket()) {
      throw new StartupException(
          "driver socket path '"
              + socket
              + "' exists but is not a Unix socket owned by this user; remove it or choose"
              + " another path");
    }
    // Binding would silently take the path from a live driver, leaving it serving nobody.
    if (isListening()) {
      throw new StartupException(
          "driver socket path '"
              + socket
              + "' is in use by a running server; stop it or choose another path");
    }
    try {
      Files.deleteIfExists(socket);
    } catch (IOException e) {
      throw new StartupException(
          "cannot remove the stale driver socket '" + socket + "': " + reason(e), e);
    }
  }

  /** Restricts the bound socket to this user (it is created with the umask's mode). */
  void restrict() throws StartupException {
    try {
      Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
    } catch (IOException e) {
      throw new StartupException(
          "cannot set mode 0600 on driver socket '" + socket + "': " + reason(e), e);
    }
  }

  /** Removes the socket on exit, but only if it is still ours: never a file someone put there. */
  void remove() {
    if (isOwnSocket()) {
      try {
        Files.deleteIfExists(socket);
      } catch (IOException e) {
        // Nothing to do on the way out; the next start replaces a stale socket of ours anyway.
      }
    }
  }

  private boolean isOwnSocket() {
    try {
      Map<String, Object> attrs =
          Files.readAttributes(socket, "unix:mode,uid", LinkOption.NOFOLLOW_LINKS);
      int mode = (Integer) attrs.get("mode");
      return (mode & FILE_TYPE_MASK) == SOCKET_TYPE && (Integer) attrs.get("uid") == uid;
    } catch (IOException e) {
      return false;
    }
  }

  private boolean isListening() {
    try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      probe.connect(UnixDomainSocketAddress.of(socket));
      return true;
    } catch (ConnectException e) {
      return false;
    } catch (IOException e) {
      // Cannot tell; treating it as stale matches upstream, which always replaces its own socket.
      return false;
    }
  }

  private static String reason(IOException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
