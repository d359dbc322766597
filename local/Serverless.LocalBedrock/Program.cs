Console.WriteLine("local bedrock: not yet");
