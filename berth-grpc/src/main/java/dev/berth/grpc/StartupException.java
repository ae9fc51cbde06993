package dev.berth.grpc;

/** The driver cannot start serving; the message is a sentence for the operator. */
public final class StartupException extends Exception {

  private static final long serialVersionUID = 1L;

  public StartupException(String message) {
    super(message);
  }

  public StartupException(String message, Throwable cause) {
    super(message, cause);
  }
}
