"""One parser per public source file. Each returns plain dataclasses plus every problem found."""
