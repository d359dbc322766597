Console.WriteLine("local: not yet");
