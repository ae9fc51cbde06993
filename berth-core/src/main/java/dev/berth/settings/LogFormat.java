package dev.berth.settings;

/** Log line format. */
public enum LogFormat {
  TEXT("text"),
  JSON("json");

  private final String value;

  LogFormat(String value) {
    this.value = value;
  }

  public String value() {
    return value;
  }
}
