package dev.shopsync.lambda;
class Placeholder {}
