package dev.berth.cli;

/** A command that takes every driver setting as a flag, defaulting to the environment. */
interface SettingsAware extends EnvironmentAware {}
