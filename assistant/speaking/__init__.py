"""From replies to sound: speech synthesis, speakers, and the announcer that queues replies."""
