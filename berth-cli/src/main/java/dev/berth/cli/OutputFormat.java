package dev.berth.cli;

/** How commands print results. */
enum OutputFormat {
  text,
  json,
  yaml
}
